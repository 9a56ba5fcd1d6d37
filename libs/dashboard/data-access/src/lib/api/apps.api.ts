import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AcceptedOperationDto,
  AppDto,
  AppPolicyDto,
  AppUpdateInfoDto,
  CloneAppRequest,
  ConfigureAppRequest,
  DeployAppRequest,
  Page,
  UpdateAppRequest,
} from '@proxdeck/shared-contracts';
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

  clone(id: string, request: CloneAppRequest): Observable<AcceptedOperationDto> {
    return this.http.post<AcceptedOperationDto>(`${this.path(id)}/clone`, request);
  }

  configure(id: string, request: ConfigureAppRequest): Observable<AcceptedOperationDto> {
    return this.http.patch<AcceptedOperationDto>(`${this.path(id)}/config`, request);
  }

  updates(id: string): Observable<AppUpdateInfoDto> {
    return this.http.get<AppUpdateInfoDto>(`${this.path(id)}/updates`);
  }

  update(id: string, request: UpdateAppRequest = {}): Observable<AcceptedOperationDto> {
    return this.http.post<AcceptedOperationDto>(`${this.path(id)}/update`, request);
  }

  rollback(id: string): Observable<AcceptedOperationDto> {
    return this.http.post<AcceptedOperationDto>(`${this.path(id)}/rollback`, {});
  }

  policy(id: string): Observable<AppPolicyDto> {
    return this.http.get<AppPolicyDto>(`${this.path(id)}/policy`);
  }

  savePolicy(id: string, policy: AppPolicyDto): Observable<AppPolicyDto> {
    return this.http.put<AppPolicyDto>(`${this.path(id)}/policy`, policy);
  }

  private path(id: string): string {
    return `${API_BASE}/apps/${encodeURIComponent(id)}`;
  }
}
