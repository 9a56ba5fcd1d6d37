import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { AcceptedOperations, AppsStore, BackupsApi, NodesApi, SessionStore, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, DialogComponent, ToastService } from '@proxdeck/dashboard-ui';
import { hostnameProblem, type BackupDto, type NodeDto, type RestoreBackupRequest } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';

type RestoreTarget = RestoreBackupRequest['target'];

/**
 * Restores a backup as a new app (own hostname) or, while its app exists, in place. In place
 * replaces the app's data, so the person ticks that they mean it (sent as `overwrite: true`).
 */
@Component({
  selector: 'pd-restore-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DialogComponent, ButtonDirective],
  template: `
    <pd-dialog heading="Restore backup" [open]="!!backup()" (closed)="closed.emit()">
      @if (backup(); as backup) {
        <form novalidate (submit)="submit($event, backup)" [attr.aria-busy]="busy()">
          <p class="intro">
            {{ backup.appHostname }} ({{ backup.catalogId }} {{ backup.appVersion }}), taken {{ backup.createdAt | date: 'medium' }}.
          </p>
          @if (formError(); as message) {
            <div class="pd-alert pd-alert--error" role="alert">
              <p class="pd-alert__title">The restore was refused</p>
              <p>{{ message }}</p>
            </div>
          }
          @if (appExists()) {
            <fieldset class="choices">
              <legend class="pd-label">Restore to</legend>
              <label class="choice">
                <input type="radio" name="restore-target" value="new" [checked]="target() === 'new'" (change)="target.set('new')" />
                A new app
              </label>
              <label class="choice">
                <input type="radio" name="restore-target" value="in-place" [checked]="target() === 'in-place'" (change)="target.set('in-place')" />
                In place ({{ backup.appHostname }})
              </label>
            </fieldset>
          } @else {
            <p class="intro">{{ backup.appHostname }} no longer exists: the backup comes back as a new app.</p>
          }
          @if (target() === 'new') {
            <div class="pd-field">
              <label for="restore-hostname">Hostname</label>
              <input
                #hostnameInput
                id="restore-hostname"
                class="pd-input"
                autocomplete="off"
                spellcheck="false"
                [value]="hostname()"
                [attr.aria-invalid]="hostnameError() ? 'true' : null"
                [attr.aria-describedby]="hostnameError() ? 'restore-hostname-error' : null"
                (input)="hostname.set(hostnameInput.value); serverHostnameError.set(null)"
              />
              @if (hostnameError(); as error) {
                <p class="pd-field__error" id="restore-hostname-error">{{ error }}</p>
              }
            </div>
            @if (pro()) {
              <div class="pd-field">
                <label for="restore-node">Node</label>
                <select #nodeSelect id="restore-node" class="pd-select" [value]="node()" (change)="node.set(nodeSelect.value)">
                  <option value="">The backup's node ({{ backup.node }})</option>
                  @for (candidate of nodes(); track candidate.name) {
                    <option [value]="candidate.name" [disabled]="candidate.status !== 'online'">{{ candidate.name }}</option>
                  }
                </select>
              </div>
            }
          } @else {
            <div class="pd-alert pd-alert--error">
              <p>{{ backup.appHostname }} is stopped and its current data is replaced by this backup's. Changes since then are lost.</p>
            </div>
            <label class="choice overwrite">
              <input #overwriteBox type="checkbox" [checked]="overwrite()" (change)="overwrite.set(overwriteBox.checked)" />
              Replace the current data of {{ backup.appHostname }}
            </label>
          }
          <div class="pd-dialog__actions">
            <button pdButton type="button" (click)="closed.emit()">Cancel</button>
            <button pdButton [variant]="target() === 'in-place' ? 'danger' : 'primary'" type="submit" [disabled]="!canSubmit()">
              {{ busy() ? 'Restoring…' : 'Restore' }}
            </button>
          </div>
        </form>
      }
    </pd-dialog>
  `,
  styles: `
    .intro { margin: 0 0 16px; color: var(--pd-text-muted); }
    .choices { border: 0; padding: 0; margin: 0 0 16px; display: flex; flex-direction: column; gap: 6px; }
    .choice { display: flex; align-items: center; gap: 8px; }
    .overwrite { font-weight: 600; margin-bottom: 8px; }
  `,
})
export class RestoreDialogComponent {
  private readonly api = inject(BackupsApi);
  private readonly nodesApi = inject(NodesApi);
  private readonly apps = inject(AppsStore);
  private readonly accepted = inject(AcceptedOperations);
  private readonly toasts = inject(ToastService);
  private readonly session = inject(SessionStore);

  readonly backup = input<BackupDto | null>(null);
  readonly closed = output<void>();
  /** The restored app's id, once the gateway accepted the restore. */
  readonly restored = output<string | null>();

  protected readonly pro = computed(() => this.session.mode() === 'pro');
  protected readonly target = signal<RestoreTarget>('new');
  protected readonly hostname = signal('');
  protected readonly node = signal('');
  protected readonly nodes = signal<NodeDto[]>([]);
  protected readonly overwrite = signal(false);
  protected readonly busy = signal(false);
  protected readonly submitted = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly serverHostnameError = signal<string | null>(null);

  protected readonly appExists = computed(() => {
    const appId = this.backup()?.appId;
    return !!appId && !!this.apps.app(appId) && !this.apps.isDeleted(appId);
  });
  protected readonly hostnameError = computed(() => {
    if (this.serverHostnameError()) return this.serverHostnameError();
    if (!this.submitted() || this.target() !== 'new') return null;
    const value = this.hostname().trim();
    if (this.apps.apps().some((app) => app.hostname === value)) return 'This hostname is already in use. Pick another one.';
    const problem = hostnameProblem(value);
    return problem ? `Hostname ${problem}.` : null;
  });
  protected readonly canSubmit = computed(() => !this.busy() && (this.target() === 'new' || this.overwrite()));

  constructor() {
    effect(() => {
      const backup = this.backup();
      if (!backup) return;
      untracked(() => {
        this.target.set('new');
        this.hostname.set(this.suggest(backup.appHostname));
        this.node.set('');
        this.overwrite.set(false);
        this.submitted.set(false);
        this.formError.set(null);
        this.serverHostnameError.set(null);
        if (this.pro()) void this.loadNodes();
      });
    });
  }

  protected async submit(event: Event, backup: BackupDto): Promise<void> {
    event.preventDefault();
    if (!this.canSubmit()) return;
    this.submitted.set(true);
    if (this.hostnameError()) return;
    const request: RestoreBackupRequest =
      this.target() === 'new'
        ? { target: 'new', hostname: this.hostname().trim(), ...(this.node() ? { node: this.node() } : {}) }
        : { target: 'in-place', overwrite: true };
    this.busy.set(true);
    this.formError.set(null);
    try {
      const accepted = await firstValueFrom(this.api.restore(backup.id, request));
      this.accepted.record(accepted);
      this.toasts.info(`Restoring ${accepted.app?.hostname ?? request.hostname ?? backup.appHostname}…`);
      this.restored.emit(accepted.app?.id ?? accepted.operation.appId);
    } catch (error) {
      const problem = toProblem(error);
      const onHostname = problem.errors?.['hostname'] ?? (problem.code === 'APP_HOSTNAME_TAKEN' ? problem.detail || problem.title : null);
      if (onHostname && this.target() === 'new') this.serverHostnameError.set(onHostname);
      else this.formError.set(problemMessage(problem));
    } finally {
      this.busy.set(false);
    }
  }

  private async loadNodes(): Promise<void> {
    try {
      this.nodes.set(await firstValueFrom(this.nodesApi.list()));
    } catch {
      this.nodes.set([]);
    }
  }

  private suggest(source: string): string {
    const taken = new Set(this.apps.apps().map((app) => app.hostname));
    if (!taken.has(source)) return source;
    const base = `${source.slice(0, 52)}-restored`;
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
}
