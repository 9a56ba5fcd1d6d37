import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuditEventDto, Page } from '@proxdeck/shared-contracts';
import { Observable } from 'rxjs';
import { API_BASE } from './api-paths';

export interface AuditQuery {
  /** Only this user (or `scheduler`). */
  actor?: string;
  /** Only actions starting with this, e.g. `app.` or `backup.delete`. */
  action?: string;
  limit?: number;
  cursor?: string | null;
}

/** Who did what, newest first (admins). */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  list(query: AuditQuery = {}): Observable<Page<AuditEventDto>> {
    let params = new HttpParams();
    if (query.limit) params = params.set('limit', String(query.limit));
    if (query.cursor) params = params.set('cursor', query.cursor);
    if (query.actor?.trim()) params = params.set('actor', query.actor.trim());
    if (query.action?.trim()) params = params.set('action', query.action.trim());
    return this.http.get<Page<AuditEventDto>>(`${API_BASE}/audit`, { params });
  }
}
