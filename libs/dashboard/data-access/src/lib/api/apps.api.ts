import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AcceptedOperationDto, AppDto, DeployAppRequest, Page } from '@proxdeck/shared-contracts';
import { Observable } from 'rxjs';
import { API_BASE } from './api-paths';

/** Lifecycle actions that take no body and answer 202 with the operation they queued. */
export type AppLifecycleAction = 'start' | 'stop' | 'restart';

@Injectable({ providedIn: 'root' })
export class AppsApi {
  private readonly http = inject(HttpClient);

  list(cursor?: string | null): Observable<Page<AppDto>> {
    const params = cursor ? new HttpParams().set('cursor', cursor) : undefined;
    return this.http.get<Page<AppDto>>(`${API_BASE}/apps`, { params });
  }

  get(id: string): Observable<AppDto> {
    return this.http.get<AppDto>(`${API_BASE}/apps/${encodeURIComponent(id)}`);
  }

  deploy(request: DeployAppRequest): Observable<AcceptedOperationDto> {
    return this.http.post<AcceptedOperationDto>(`${API_BASE}/apps`, request);
  }

  act(id: string, action: AppLifecycleAction): Observable<AcceptedOperationDto> {
    return this.http.post<AcceptedOperationDto>(`${API_BASE}/apps/${encodeURIComponent(id)}/${action}`, {});
  }

  delete(id: string): Observable<AcceptedOperationDto> {
    return this.http.delete<AcceptedOperationDto>(`${API_BASE}/apps/${encodeURIComponent(id)}`);
  }
}
