import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AcceptedOperationDto,
  BackupDto,
  CreateBackupRequest,
  Page,
  RestoreBackupRequest,
  UpdateBackupRequest,
} from '@proxdeck/shared-contracts';
import { Observable, map } from 'rxjs';
import { API_BASE } from './api-paths';
import { asPage } from './list-answer';

@Injectable({ providedIn: 'root' })
export class BackupsApi {
  private readonly http = inject(HttpClient);

  /** Every backup Proxdeck tracks, including those of deleted apps. */
  list(cursor?: string | null): Observable<Page<BackupDto>> {
    const params = cursor ? new HttpParams().set('cursor', cursor) : undefined;
    return this.http.get<Page<BackupDto> | BackupDto[]>(`${API_BASE}/backups`, { params }).pipe(map(asPage));
  }

  listForApp(appId: string): Observable<Page<BackupDto>> {
    return this.http.get<Page<BackupDto> | BackupDto[]>(`${API_BASE}/apps/${encodeURIComponent(appId)}/backups`).pipe(map(asPage));
  }

  create(appId: string, request: CreateBackupRequest): Observable<AcceptedOperationDto> {
    return this.http.post<AcceptedOperationDto>(`${API_BASE}/apps/${encodeURIComponent(appId)}/backups`, request);
  }

  update(id: string, request: UpdateBackupRequest): Observable<BackupDto> {
    return this.http.patch<BackupDto>(`${API_BASE}/backups/${encodeURIComponent(id)}`, request);
  }

  delete(id: string): Observable<AcceptedOperationDto> {
    return this.http.delete<AcceptedOperationDto>(`${API_BASE}/backups/${encodeURIComponent(id)}`);
  }

  restore(id: string, request: RestoreBackupRequest): Observable<AcceptedOperationDto> {
    return this.http.post<AcceptedOperationDto>(`${API_BASE}/backups/${encodeURIComponent(id)}/restore`, request);
  }
}
