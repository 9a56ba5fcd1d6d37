import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AcceptedOperationDto, AdoptRequest, AdoptionCandidateDto, OrphanContainerDto, Page } from '@proxdeck/shared-contracts';
import { Observable, map } from 'rxjs';
import { API_BASE } from './api-paths';
import { asPage } from './list-answer';

@Injectable({ providedIn: 'root' })
export class AdoptionApi {
  private readonly http = inject(HttpClient);

  /** Containers on the cluster that Proxdeck does not manage yet. */
  candidates(): Observable<AdoptionCandidateDto[]> {
    return this.http
      .get<Page<AdoptionCandidateDto> | AdoptionCandidateDto[]>(`${API_BASE}/adoption/candidates`)
      .pipe(map((answer) => asPage(answer).items));
  }

  /** Containers carrying Proxdeck's marker for an app that no longer exists. */
  orphans(): Observable<OrphanContainerDto[]> {
    return this.http
      .get<Page<OrphanContainerDto> | OrphanContainerDto[]>(`${API_BASE}/adoption/orphans`)
      .pipe(map((answer) => asPage(answer).items));
  }

  adopt(request: AdoptRequest): Observable<AcceptedOperationDto> {
    return this.http.post<AcceptedOperationDto>(`${API_BASE}/adoption`, request);
  }
}
