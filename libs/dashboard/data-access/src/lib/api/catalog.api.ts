import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CatalogCategory, CatalogItemDto, Page } from '@proxdeck/shared-contracts';
import { Observable } from 'rxjs';
import { API_BASE } from './api-paths';

export interface CatalogQuery {
  q?: string;
  category?: CatalogCategory | '';
}

@Injectable({ providedIn: 'root' })
export class CatalogApi {
  private readonly http = inject(HttpClient);

  list(query: CatalogQuery = {}, cursor?: string | null): Observable<Page<CatalogItemDto>> {
    let params = new HttpParams();
    if (cursor) params = params.set('cursor', cursor);
    if (query.q?.trim()) params = params.set('q', query.q.trim());
    if (query.category) params = params.set('category', query.category);
    return this.http.get<Page<CatalogItemDto>>(`${API_BASE}/catalog`, { params });
  }

  get(id: string): Observable<CatalogItemDto> {
    return this.http.get<CatalogItemDto>(`${API_BASE}/catalog/${encodeURIComponent(id)}`);
  }
}
