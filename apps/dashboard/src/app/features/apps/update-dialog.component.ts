import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { AcceptedOperations, AppsApi, SessionStore, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, DialogComponent, LoadingStateComponent, ToastService } from '@proxdeck/dashboard-ui';
import type { AppDto, AppUpdateInfoDto } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';

/**
 * Shows the running and newest allowed version (`GET /apps/:id/updates`) and, on confirmation,
 * updates. PRO may pick an older allowed version than the newest.
 */
@Component({
  selector: 'pd-update-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DialogComponent, ButtonDirective, LoadingStateComponent],
  template: `
    <pd-dialog [heading]="app() ? 'Update ' + app()?.hostname : 'Update'" [open]="!!app()" (closed)="closed.emit()">
      @if (app(); as app) {
        @if (error(); as message) {
          <div class="pd-alert pd-alert--error" role="alert">
            <p class="pd-alert__title">Updates could not be checked</p>
            <p>{{ message }}</p>
          </div>
          <div class="pd-dialog__actions">
            <button pdButton type="button" (click)="closed.emit()">Close</button>
            <button pdButton type="button" (click)="check(app.id)">Try again</button>
          </div>
        } @else if (info(); as info) {
          <dl class="facts versions">
            <div><dt>Current version</dt><dd>{{ info.current }}</dd></div>
            <div><dt>Latest version</dt><dd>{{ info.latest ?? 'none found' }}</dd></div>
            @if (info.checkedAt) {
              <div><dt>Checked</dt><dd>{{ info.checkedAt | date: 'short' }}</dd></div>
            }
          </dl>
          @if (info.available && target(); as version) {
            @if (pro() && info.versions.length > 1) {
              <div class="pd-field">
                <label for="update-version">Version</label>
                <select #versionSelect id="update-version" class="pd-select" [value]="version" (change)="chosen.set(versionSelect.value)">
                  @for (candidate of info.versions; track candidate) {
                    <option [value]="candidate">{{ candidate }}</option>
                  }
                </select>
              </div>
            }
            <p class="explain">
              Proxdeck backs up {{ app.hostname }} first, starts {{ version }} next to the current container and moves the data
              over. If the new version fails its health check, {{ info.current }} is put back by itself. Afterwards you can roll
              back with one click for a while.
            </p>
            @if (submitError(); as message) {
              <div class="pd-alert pd-alert--error" role="alert"><p>{{ message }}</p></div>
            }
            <div class="pd-dialog__actions">
              <button pdButton type="button" (click)="closed.emit()">Cancel</button>
              <button pdButton variant="primary" type="button" data-autofocus [disabled]="busy()" (click)="update(app, version)">
                Update to {{ version }}
              </button>
            </div>
          } @else {
            <p class="explain">{{ app.hostname }} runs the newest version its update track allows.</p>
            <div class="pd-dialog__actions">
              <button pdButton type="button" (click)="closed.emit()">Close</button>
            </div>
          }
        } @else {
          <pd-loading-state label="Checking for updates…" />
        }
      }
    </pd-dialog>
  `,
  styles: `
    .versions { margin-bottom: 16px; }
    .explain { margin: 0 0 8px; color: var(--pd-text-muted); }
  `,
})
export class UpdateDialogComponent {
  private readonly api = inject(AppsApi);
  private readonly accepted = inject(AcceptedOperations);
  private readonly toasts = inject(ToastService);
  private readonly session = inject(SessionStore);

  readonly app = input<AppDto | null>(null);
  readonly closed = output<void>();

  protected readonly pro = computed(() => this.session.mode() === 'pro');
  protected readonly info = signal<AppUpdateInfoDto | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly submitError = signal<string | null>(null);
  protected readonly chosen = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly target = computed(() => this.chosen() ?? this.info()?.latest ?? null);

  constructor() {
    effect(() => {
      const app = this.app();
      if (!app) return;
      untracked(() => void this.check(app.id));
    });
  }

  protected async check(appId: string): Promise<void> {
    this.info.set(null);
    this.error.set(null);
    this.submitError.set(null);
    this.chosen.set(null);
    try {
      this.info.set(await firstValueFrom(this.api.updates(appId)));
    } catch (error) {
      this.error.set(problemMessage(toProblem(error)));
    }
  }

  protected async update(app: AppDto, version: string): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.submitError.set(null);
    try {
      this.accepted.record(await firstValueFrom(this.api.update(app.id, { version })));
      this.toasts.info(`Updating ${app.hostname} to ${version}…`);
      this.closed.emit();
    } catch (error) {
      this.submitError.set(problemMessage(toProblem(error)));
    } finally {
      this.busy.set(false);
    }
  }
}
