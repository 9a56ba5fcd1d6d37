import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { NodeDto } from '@proxdeck/shared-contracts';
import { Observable } from 'rxjs';
import { API_BASE } from './api-paths';

@Injectable({ providedIn: 'root' })
export class NodesApi {
  private readonly http = inject(HttpClient);

  list(): Observable<NodeDto[]> {
    return this.http.get<NodeDto[]>(`${API_BASE}/nodes`);
  }
}
