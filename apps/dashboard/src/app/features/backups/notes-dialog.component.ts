import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { BackupsApi, BackupsStore, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, DialogComponent } from '@proxdeck/dashboard-ui';
import type { BackupDto } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';

/** The gateway's limit (UpdateBackupDto), checked here too so the person hears it next to the field. */
const NOTES_MAX_LENGTH = 1024;

/** Changes a backup's notes (`PATCH /backups/:id`), e.g. to say why it is kept. */
@Component({
  selector: 'pd-notes-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DialogComponent, ButtonDirective],
  template: `
    <pd-dialog heading="Backup notes" [open]="!!backup()" (closed)="closed.emit()">
      @if (backup(); as backup) {
        <form novalidate (submit)="submit($event, backup)" [attr.aria-busy]="busy()">
          <p class="intro">{{ backup.appHostname }}, taken {{ backup.createdAt | date: 'medium' }}.</p>
          @if (formError(); as message) {
            <div class="pd-alert pd-alert--error" role="alert">
              <p class="pd-alert__title">The notes were not saved</p>
              <p>{{ message }}</p>
            </div>
          }
          <div class="pd-field">
            <label for="backup-notes-edit">Notes</label>
            <textarea
              #notesInput
              id="backup-notes-edit"
              class="pd-input"
              rows="3"
              data-autofocus
              [value]="notes()"
              [attr.aria-invalid]="notesError() ? 'true' : null"
              [attr.aria-describedby]="notesError() ? 'backup-notes-edit-error' : null"
              (input)="notes.set(notesInput.value)"
            ></textarea>
            @if (notesError(); as error) {
              <p class="pd-field__error" id="backup-notes-edit-error">{{ error }}</p>
            }
          </div>
          <div class="pd-dialog__actions">
            <button pdButton type="button" (click)="closed.emit()">Cancel</button>
            <button pdButton variant="primary" type="submit" [disabled]="busy()">{{ busy() ? 'Saving…' : 'Save notes' }}</button>
          </div>
        </form>
      }
    </pd-dialog>
  `,
  styles: `
    .intro { margin: 0 0 16px; color: var(--pd-text-muted); }
    textarea { width: 100%; resize: vertical; font: inherit; }
  `,
})
export class NotesDialogComponent {
  private readonly api = inject(BackupsApi);
  private readonly store = inject(BackupsStore);

  readonly backup = input<BackupDto | null>(null);
  readonly closed = output<void>();

  protected readonly notes = signal('');
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly notesError = computed(() =>
    this.notes().length > NOTES_MAX_LENGTH ? `Notes can be at most ${NOTES_MAX_LENGTH} characters (now ${this.notes().length}).` : null,
  );

  constructor() {
    effect(() => {
      const backup = this.backup();
      if (!backup) return;
      untracked(() => {
        this.notes.set(backup.notes);
        this.formError.set(null);
      });
    });
  }

  protected async submit(event: Event, backup: BackupDto): Promise<void> {
    event.preventDefault();
    if (this.busy() || this.notesError()) return;
    this.busy.set(true);
    this.formError.set(null);
    try {
      this.store.upsert(await firstValueFrom(this.api.update(backup.id, { notes: this.notes().trim() })));
      this.closed.emit();
    } catch (error) {
      this.formError.set(problemMessage(toProblem(error)));
    } finally {
      this.busy.set(false);
    }
  }
}
