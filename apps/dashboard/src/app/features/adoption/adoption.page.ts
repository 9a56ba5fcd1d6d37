import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { AdoptionApi, SessionStore, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent } from '@proxdeck/dashboard-ui';
import { roleAllows, type AdoptionCandidateDto, type OrphanContainerDto } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { AdoptDialogComponent, type AdoptableContainer } from './adopt-dialog.component';
import { OrphansSectionComponent } from './orphans-section.component';

/** Containers on the cluster that Proxdeck does not manage, and a way to take each one over. */
@Component({
  selector: 'pd-adoption-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ButtonDirective, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent, AdoptDialogComponent, OrphansSectionComponent],
  template: `
    <div class="page-header">
      <div>
        <h1>Adoption</h1>
        <p class="page-header__sub">Containers that existed before Proxdeck. Adopt one to back it up, update and manage it here.</p>
      </div>
      <div class="page-header__actions">
        <button pdButton type="button" [disabled]="state() === 'loading'" (click)="load()">Refresh</button>
      </div>
    </div>
    @switch (state()) {
      @case ('error') {
        <pd-error-state heading="Candidates could not be loaded" [message]="error()" (retry)="load()" />
      }
      @case ('loaded') {
        @if (candidates().length === 0) {
          <pd-empty-state heading="Nothing to adopt" message="Every container on the cluster is already managed by Proxdeck." />
        } @else {
          <div class="pd-table-scroll">
            <table class="pd-table">
              <caption class="pd-visually-hidden">Containers not managed by Proxdeck</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Node</th>
                  <th scope="col">VMID</th>
                  <th scope="col">Status</th>
                  <th scope="col">Resources</th>
                  <th scope="col">Tags</th>
                  @if (mayOperate()) {
                    <th scope="col"><span class="pd-visually-hidden">Actions</span></th>
                  }
                </tr>
              </thead>
              <tbody>
                @for (candidate of candidates(); track candidate.node + candidate.vmid) {
                  <tr>
                    <td>{{ candidate.name }}</td>
                    <td>{{ candidate.node }}</td>
                    <td>{{ candidate.vmid }}</td>
                    <td>{{ candidate.status }}</td>
                    <td>{{ candidate.cores }} cores · {{ candidate.memoryMb }} MB · {{ candidate.diskGb }} GB</td>
                    <td>{{ candidate.tags.join(', ') || '—' }}</td>
                    @if (mayOperate()) {
                      <td>
                        <button pdButton size="small" type="button" [attr.aria-label]="'Adopt ' + candidate.name" (click)="adopting.set(candidate)">
                          Adopt
                        </button>
                      </td>
                    }
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
        @if (orphans().length > 0) {
          <pd-orphans-section [orphans]="orphans()" [mayOperate]="mayOperate()" (adopt)="adopting.set($event)" />
        }
      }
      @default {
        <pd-loading-state label="Looking for containers…" />
      }
    }
    <pd-adopt-dialog [candidate]="adopting()" (closed)="adopting.set(null)" (adopted)="adopted($event)" />
  `,
})
export class AdoptionPage {
  private readonly api = inject(AdoptionApi);
  private readonly router = inject(Router);
  private readonly session = inject(SessionStore);

  protected readonly state = signal<'loading' | 'loaded' | 'error'>('loading');
  protected readonly error = signal('');
  protected readonly candidates = signal<AdoptionCandidateDto[]>([]);
  protected readonly orphans = signal<OrphanContainerDto[]>([]);
  protected readonly adopting = signal<AdoptableContainer | null>(null);
  protected readonly mayOperate = computed(() => roleAllows(this.session.user()?.role ?? 'viewer', 'operator'));

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set('loading');
    try {
      const [candidates, orphans] = await Promise.all([firstValueFrom(this.api.candidates()), firstValueFrom(this.api.orphans())]);
      this.candidates.set(candidates);
      this.orphans.set(orphans);
      this.state.set('loaded');
    } catch (error) {
      this.error.set(problemMessage(toProblem(error)));
      this.state.set('error');
    }
  }

  protected async adopted(appId: string | null): Promise<void> {
    this.adopting.set(null);
    if (appId) await this.router.navigate(['/apps', appId]);
  }
}
