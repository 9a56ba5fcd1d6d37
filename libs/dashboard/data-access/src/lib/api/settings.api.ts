import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ProxmoxConnectionTestDto, SettingsDto, TestProxmoxConnectionRequest, UpdateSettingsRequest } from '@proxdeck/shared-contracts';
import { Observable } from 'rxjs';
import { API_BASE } from './api-paths';

/** Cluster-wide settings (admins): the Proxmox connection, defaults and the apps domain. */
@Injectable({ providedIn: 'root' })
export class SettingsApi {
  private readonly http = inject(HttpClient);

  get(): Observable<SettingsDto> {
    return this.http.get<SettingsDto>(`${API_BASE}/settings`);
  }

  save(request: UpdateSettingsRequest): Observable<SettingsDto> {
    return this.http.put<SettingsDto>(`${API_BASE}/settings`, request);
  }

  /** Tries a connection without saving it; fields left out are the saved ones. */
  testProxmox(request: TestProxmoxConnectionRequest): Observable<ProxmoxConnectionTestDto> {
    return this.http.post<ProxmoxConnectionTestDto>(`${API_BASE}/settings/proxmox/test`, request);
  }
}
