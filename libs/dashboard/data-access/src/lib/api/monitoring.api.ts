import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { MetricsDto, MetricsTimeframe } from '@proxdeck/shared-contracts';
import { Observable } from 'rxjs';
import { API_BASE } from './api-paths';

/** Charts' data: Proxmox's rrddata of a node or an app's container, read through the gateway. */
@Injectable({ providedIn: 'root' })
export class MonitoringApi {
  private readonly http = inject(HttpClient);

  nodeMetrics(node: string, timeframe: MetricsTimeframe): Observable<MetricsDto> {
    return this.http.get<MetricsDto>(`${API_BASE}/nodes/${encodeURIComponent(node)}/metrics`, { params: timeframeParam(timeframe) });
  }

  appMetrics(appId: string, timeframe: MetricsTimeframe): Observable<MetricsDto> {
    return this.http.get<MetricsDto>(`${API_BASE}/apps/${encodeURIComponent(appId)}/metrics`, { params: timeframeParam(timeframe) });
  }
}

function timeframeParam(timeframe: MetricsTimeframe): HttpParams {
  return new HttpParams().set('timeframe', timeframe);
}
