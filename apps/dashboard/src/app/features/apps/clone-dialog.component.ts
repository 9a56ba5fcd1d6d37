import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { AcceptedOperations, AppsApi, AppsStore, NodesApi, SessionStore, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, DialogComponent, ToastService } from '@proxdeck/dashboard-ui';
import { hostnameProblem, type AppDto, type NodeDto } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';

/** A new app from this one: same settings and data, its own hostname, optionally another node (PRO). */
@Component({
  selector: 'pd-clone-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DialogComponent, ButtonDirective],
  template: `
    <pd-dialog [heading]="app() ? 'Clone ' + app()?.hostname : 'Clone'" [open]="!!app()" (closed)="closed.emit()">
      @if (app(); as app) {
        <form novalidate (submit)="submit($event)" [attr.aria-busy]="busy()">
          <p class="intro">A full copy of {{ app.hostname }} ({{ app.name }} {{ app.version }}) with its settings and data.</p>
          @if (formError(); as message) {
            <div class="pd-alert pd-alert--error" role="alert">
              <p class="pd-alert__title">The clone was refused</p>
              <p>{{ message }}</p>
            </div>
          }
          <div class="pd-field">
            <label for="clone-hostname">Hostname</label>
            <input
              #hostnameInput
              id="clone-hostname"
              class="pd-input"
              data-autofocus
              autocomplete="off"
              spellcheck="false"
              required
              [value]="hostname()"
              [attr.aria-invalid]="hostnameError() ? 'true' : null"
              [attr.aria-describedby]="hostnameError() ? 'clone-hostname-error' : 'clone-hostname-hint'"
              (input)="hostname.set(hostnameInput.value); serverHostnameError.set(null)"
            />
            <p class="pd-field__hint" id="clone-hostname-hint">The clone is served at /apps/&lt;hostname&gt;/.</p>
            @if (hostnameError(); as error) {
              <p class="pd-field__error" id="clone-hostname-error">{{ error }}</p>
            }
          </div>
          @if (pro()) {
            <div class="pd-field">
              <label for="clone-node">Node</label>
              <select #nodeSelect id="clone-node" class="pd-select" [value]="node()" (change)="node.set(nodeSelect.value)">
                <option value="">Same node ({{ app.node ?? 'any' }})</option>
                @for (candidate of nodes(); track candidate.name) {
                  <option [value]="candidate.name" [disabled]="candidate.status !== 'online'">
                    {{ candidate.name }}{{ candidate.status !== 'online' ? ' (' + candidate.status + ')' : '' }}
                  </option>
                }
              </select>
            </div>
          }
          <div class="pd-dialog__actions">
            <button pdButton type="button" (click)="closed.emit()">Cancel</button>
            <button pdButton variant="primary" type="submit" [disabled]="busy()">{{ busy() ? 'Cloning…' : 'Clone' }}</button>
          </div>
        </form>
      }
    </pd-dialog>
  `,
  styles: `.intro { margin: 0 0 16px; color: var(--pd-text-muted); }`,
})
export class CloneDialogComponent {
  private readonly api = inject(AppsApi);
  private readonly nodesApi = inject(NodesApi);
  private readonly apps = inject(AppsStore);
  private readonly accepted = inject(AcceptedOperations);
  private readonly toasts = inject(ToastService);
  private readonly session = inject(SessionStore);
  protected readonly pro = computed(() => this.session.mode() === 'pro');

  readonly app = input<AppDto | null>(null);
  readonly closed = output<void>();
  /** The new app's id once the gateway accepted the clone. */
  readonly cloned = output<string | null>();

  protected readonly hostname = signal('');
  protected readonly node = signal('');
  protected readonly nodes = signal<NodeDto[]>([]);
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly serverHostnameError = signal<string | null>(null);

  protected readonly hostnameError = computed(() => {
    if (this.serverHostnameError()) return this.serverHostnameError();
    if (!this.submitted()) return null;
    const value = this.hostname().trim();
    if (this.apps.apps().some((app) => app.hostname === value)) return 'This hostname is already in use. Pick another one.';
    return hostnameProblem(value) ? `Hostname ${hostnameProblem(value)}.` : null;
  });

  constructor() {
    effect(() => {
      const app = this.app();
      if (!app) return;
      untracked(() => {
        this.hostname.set(this.suggest(app.hostname));
        this.node.set('');
        this.submitted.set(false);
        this.formError.set(null);
        this.serverHostnameError.set(null);
        if (this.pro()) void this.loadNodes();
      });
    });
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const app = this.app();
    if (!app || this.busy()) return;
    this.submitted.set(true);
    if (this.hostnameError()) return;
    this.busy.set(true);
    this.formError.set(null);
    try {
      const node = this.node();
      const accepted = await firstValueFrom(this.api.clone(app.id, { hostname: this.hostname().trim(), ...(node ? { node } : {}) }));
      this.accepted.record(accepted);
      this.toasts.info(`Cloning ${app.hostname} as ${accepted.app?.hostname ?? this.hostname().trim()}…`);
      this.cloned.emit(accepted.app?.id ?? null);
    } catch (error) {
      const problem = toProblem(error);
      const onHostname = problem.errors?.['hostname'] ?? (problem.code === 'APP_HOSTNAME_TAKEN' ? problem.detail || problem.title : null);
      if (onHostname) this.serverHostnameError.set(onHostname);
      else this.formError.set(problemMessage(problem));
    } finally {
      this.busy.set(false);
    }
  }

  private async loadNodes(): Promise<void> {
    try {
      this.nodes.set(await firstValueFrom(this.nodesApi.list()));
    } catch {
      this.nodes.set([]); // The clone still works on the source's node.
    }
  }

  private suggest(source: string): string {
    const taken = new Set(this.apps.apps().map((app) => app.hostname));
    const base = `${source.slice(0, 55)}-copy`;
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
}
