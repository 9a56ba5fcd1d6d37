import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, model, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { AcceptedOperations, AppsStore, BackupsApi, BackupsStore, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { AgePipe, BytesPipe, ButtonDirective, ConfirmDialogComponent, PagerComponent, ToastService, pageSlice } from '@proxdeck/dashboard-ui';
import type { BackupDto } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { NotesDialogComponent } from './notes-dialog.component';
import { RestoreDialogComponent } from './restore-dialog.component';

/** Rows a page: hundreds of backups would make a view switch slow to render. */
export const BACKUPS_PAGE_SIZE = 50;

/**
 * Backups with their actions (restore, notes, protect, delete), a page at a time; used by an app's tab and
 * the Backups page. The page is a model: bind it to keep it in the URL, or leave it to the table.
 */
@Component({
  selector: 'pd-backups-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, AgePipe, BytesPipe, ButtonDirective, ConfirmDialogComponent, PagerComponent, NotesDialogComponent, RestoreDialogComponent],
  template: `
    <div class="pd-table-scroll">
      <table class="pd-table">
        <caption class="pd-visually-hidden">{{ caption() }}</caption>
        <thead>
          <tr>
            @if (showApp()) {
              <th scope="col">App</th>
            }
            <th scope="col">Taken</th>
            <th scope="col">Kind</th>
            <th scope="col">Version</th>
            <th scope="col">Size</th>
            <th scope="col">Protected</th>
            <th scope="col">Notes</th>
            @if (mayOperate()) {
              <th scope="col"><span class="pd-visually-hidden">Actions</span></th>
            }
          </tr>
        </thead>
        <tbody>
          @for (backup of shown().items; track backup.id) {
            <tr>
              @if (showApp()) {
                <td>
                  @if (backup.appId && apps.app(backup.appId)) {
                    <a [routerLink]="['/apps', backup.appId]">{{ backup.appHostname }}</a>
                  } @else {
                    {{ backup.appHostname }} <span class="muted">(deleted)</span>
                  }
                </td>
              }
              <td><time [attr.datetime]="backup.createdAt" [title]="backup.createdAt | date: 'medium'">{{ backup.createdAt | pdAge }}</time></td>
              <td class="capitalize">{{ backup.kind }}</td>
              <td>{{ backup.appVersion }}</td>
              <td>{{ backup.sizeBytes | pdBytes }}</td>
              <td>{{ backup.protected ? 'Protected' : 'No' }}</td>
              <td class="notes">{{ backup.notes }}</td>
              @if (mayOperate()) {
                <td class="actions">
                  <button pdButton size="small" type="button" [attr.aria-label]="'Restore ' + describe(backup)" (click)="restoring.set(backup)">
                    Restore
                  </button>
                  <button pdButton size="small" type="button" [attr.aria-label]="'Edit notes of ' + describe(backup)" (click)="editing.set(backup)">
                    Notes
                  </button>
                  <button
                    pdButton
                    size="small"
                    type="button"
                    [disabled]="busyId() === backup.id"
                    [attr.aria-label]="(backup.protected ? 'Unprotect ' : 'Protect ') + describe(backup)"
                    (click)="toggleProtection(backup)"
                  >
                    {{ backup.protected ? 'Unprotect' : 'Protect' }}
                  </button>
                  <button
                    pdButton
                    size="small"
                    variant="danger"
                    type="button"
                    [disabled]="backup.protected || busyId() === backup.id"
                    [title]="backup.protected ? 'Unprotect it first: protected backups are never deleted.' : ''"
                    [attr.aria-label]="'Delete ' + describe(backup)"
                    (click)="deleting.set(backup)"
                  >
                    Delete
                  </button>
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
    <pd-pager [label]="pagerLabel()" [page]="shown().page" [pageSize]="pageSize()" [total]="shown().total" (pageChange)="page.set($event)" />

    <pd-restore-dialog [backup]="restoring()" (closed)="restoring.set(null)" (restored)="restored($event)" />
    <pd-notes-dialog [backup]="editing()" (closed)="editing.set(null)" />
    @if (deleting(); as backup) {
      <pd-confirm-dialog
        heading="Delete this backup?"
        [message]="'The backup of ' + backup.appHostname + ' taken ' + (backup.createdAt | date: 'medium') + ' is removed from ' + backup.storage + '. It cannot be undone.'"
        confirmLabel="Delete backup"
        [busy]="busyId() === backup.id"
        [open]="true"
        (confirmed)="delete(backup)"
        (cancelled)="deleting.set(null)"
      />
    }
  `,
  styles: `
    .capitalize { text-transform: capitalize; }
    .notes { white-space: normal; min-width: 12em; color: var(--pd-text-muted); }
    .actions { display: flex; gap: 6px; justify-content: flex-end; }
  `,
})
export class BackupsTableComponent {
  protected readonly apps = inject(AppsStore);
  private readonly store = inject(BackupsStore);
  private readonly api = inject(BackupsApi);
  private readonly accepted = inject(AcceptedOperations);
  private readonly toasts = inject(ToastService);
  private readonly router = inject(Router);

  readonly backups = input.required<readonly BackupDto[]>();
  readonly caption = input('Backups');
  readonly showApp = input(false);
  readonly mayOperate = input(false);
  readonly pageSize = input(BACKUPS_PAGE_SIZE);
  /** 1-based; a page past the end shows the last one. */
  readonly page = model(1);

  protected readonly shown = computed(() => pageSlice(this.backups(), this.page(), this.pageSize()));
  protected readonly pagerLabel = computed(() => `Pages of ${this.caption().charAt(0).toLowerCase()}${this.caption().slice(1)}`);

  protected readonly restoring = signal<BackupDto | null>(null);
  protected readonly deleting = signal<BackupDto | null>(null);
  protected readonly editing = signal<BackupDto | null>(null);
  protected readonly busyId = signal<string | null>(null);

  protected describe(backup: BackupDto): string {
    return `backup of ${backup.appHostname} taken ${backup.createdAt}`;
  }

  protected async toggleProtection(backup: BackupDto): Promise<void> {
    this.busyId.set(backup.id);
    try {
      this.store.upsert(await firstValueFrom(this.api.update(backup.id, { protected: !backup.protected })));
    } catch (error) {
      this.toasts.error(problemMessage(toProblem(error)));
    } finally {
      this.busyId.set(null);
    }
  }

  protected async delete(backup: BackupDto): Promise<void> {
    this.busyId.set(backup.id);
    try {
      this.accepted.record(await firstValueFrom(this.api.delete(backup.id)));
      this.toasts.info(`Deleting the backup of ${backup.appHostname}…`);
      this.deleting.set(null);
    } catch (error) {
      this.toasts.error(problemMessage(toProblem(error)));
    } finally {
      this.busyId.set(null);
    }
  }

  /** The restored app's page is where its progress shows; already on it (in place), stay on this tab. */
  protected async restored(appId: string | null): Promise<void> {
    this.restoring.set(null);
    if (appId && !this.router.url.startsWith(`/apps/${appId}`)) await this.router.navigate(['/apps', appId]);
  }
}
