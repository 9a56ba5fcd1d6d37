import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { OperationDto, OperationLogDto, OperationState, Page } from '@proxdeck/shared-contracts';
import { Observable } from 'rxjs';
import { API_BASE } from './api-paths';

export interface OperationsQuery {
  appId?: string;
  state?: OperationState;
  limit?: number;
  cursor?: string | null;
}

@Injectable({ providedIn: 'root' })
export class OperationsApi {
  private readonly http = inject(HttpClient);

  list(query: OperationsQuery = {}): Observable<Page<OperationDto>> {
    let params = new HttpParams();
    if (query.appId) params = params.set('appId', query.appId);
    if (query.state) params = params.set('state', query.state);
    if (query.limit) params = params.set('limit', String(query.limit));
    if (query.cursor) params = params.set('cursor', query.cursor);
    return this.http.get<Page<OperationDto>>(`${API_BASE}/operations`, { params });
  }

  get(id: string): Observable<OperationDto> {
    return this.http.get<OperationDto>(`${API_BASE}/operations/${encodeURIComponent(id)}`);
  }

  logs(id: string): Observable<OperationLogDto[]> {
    return this.http.get<OperationLogDto[]>(`${API_BASE}/operations/${encodeURIComponent(id)}/logs`);
  }
}
