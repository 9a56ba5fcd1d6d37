import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { AcceptedOperations, BackupsApi, BackupsStore, canPerform, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent, ToastService } from '@proxdeck/dashboard-ui';
import type { AppDto } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { BackupsTableComponent } from './backups-table.component';

/** One app's backups and "Back up now" (with optional notes). */
@Component({
  selector: 'pd-app-backups-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ButtonDirective, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent, BackupsTableComponent],
  template: `
    @if (mayOperate()) {
      <form class="backup-now pd-card" (submit)="backUp($event)">
        <div class="pd-field grow">
          <label for="backup-notes">Notes (optional)</label>
          <input #notesInput id="backup-notes" class="pd-input" autocomplete="off" [value]="notes()" (input)="notes.set(notesInput.value)" />
        </div>
        <button pdButton variant="primary" type="submit" [disabled]="!canBackUp()">{{ busy() ? 'Starting…' : 'Back up now' }}</button>
      </form>
    }
    @switch (state()) {
      @case ('error') {
        <pd-error-state heading="Backups could not be loaded" [message]="error()" (retry)="load(app().id)" />
      }
      @case ('loaded') {
        @if (backups().length === 0) {
          <pd-empty-state heading="No backups yet" message="Back up now, or set a schedule under Settings." />
        } @else {
          <pd-backups-table [backups]="backups()" [caption]="'Backups of ' + app().hostname" [mayOperate]="mayOperate()" />
        }
      }
      @default {
        <pd-loading-state label="Loading backups…" />
      }
    }
  `,
  styles: `
    .backup-now { display: flex; align-items: flex-end; gap: 12px; margin-bottom: 16px; flex-wrap: wrap; }
    .backup-now .pd-field { margin-bottom: 0; }
    .grow { flex: 1; min-width: 200px; }
  `,
})
export class AppBackupsTabComponent {
  private readonly store = inject(BackupsStore);
  private readonly api = inject(BackupsApi);
  private readonly accepted = inject(AcceptedOperations);
  private readonly toasts = inject(ToastService);

  readonly app = input.required<AppDto>();
  readonly mayOperate = input(false);

  protected readonly state = signal<'loading' | 'loaded' | 'error'>('loading');
  protected readonly error = signal('');
  protected readonly notes = signal('');
  protected readonly busy = signal(false);
  protected readonly backups = computed(() => this.store.forApp(this.app().id));
  protected readonly canBackUp = computed(() => !this.busy() && canPerform(this.app(), 'backup'));

  constructor() {
    const appId = computed(() => this.app().id);
    effect(() => {
      const id = appId();
      untracked(() => void this.load(id));
    });
  }

  protected async load(appId: string): Promise<void> {
    this.state.set('loading');
    try {
      await this.store.loadForApp(appId);
      this.state.set('loaded');
    } catch (error) {
      this.error.set(problemMessage(toProblem(error)));
      this.state.set('error');
    }
  }

  protected async backUp(event: Event): Promise<void> {
    event.preventDefault();
    const app = this.app();
    if (!this.canBackUp()) return;
    this.busy.set(true);
    try {
      const notes = this.notes().trim();
      this.accepted.record(await firstValueFrom(this.api.create(app.id, notes ? { notes } : {})));
      this.toasts.info(`Backing up ${app.hostname}…`);
      this.notes.set('');
    } catch (error) {
      this.toasts.error(problemMessage(toProblem(error)));
    } finally {
      this.busy.set(false);
    }
  }
}
