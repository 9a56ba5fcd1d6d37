import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ApiTokenDto, CreateApiTokenRequest, CreatedApiTokenDto } from '@proxdeck/shared-contracts';
import { Observable } from 'rxjs';
import { API_BASE } from './api-paths';

/** API tokens for scripts: yours (admins see everyone's). The secret comes back once, on creation. */
@Injectable({ providedIn: 'root' })
export class TokensApi {
  private readonly http = inject(HttpClient);

  list(): Observable<ApiTokenDto[]> {
    return this.http.get<ApiTokenDto[]>(`${API_BASE}/tokens`);
  }

  create(request: CreateApiTokenRequest): Observable<CreatedApiTokenDto> {
    return this.http.post<CreatedApiTokenDto>(`${API_BASE}/tokens`, request);
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(`${API_BASE}/tokens/${encodeURIComponent(id)}`);
  }
}
