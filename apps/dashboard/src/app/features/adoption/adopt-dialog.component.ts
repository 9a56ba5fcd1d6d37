import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { AcceptedOperations, AdoptionApi, AppsStore, CatalogStore, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, DialogComponent, ToastService } from '@proxdeck/dashboard-ui';
import { hostnameProblem, type AdoptRequest, type AdoptionCandidateDto } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';

const CUSTOM = '';

/** What the dialog needs of a container: a candidate, or an orphan whose app is gone. */
export type AdoptableContainer = Pick<AdoptionCandidateDto, 'node' | 'vmid' | 'name'>;

/** Takes a container under management: as a catalog entry, or custom with the port its web UI listens on. */
@Component({
  selector: 'pd-adopt-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DialogComponent, ButtonDirective],
  template: `
    <pd-dialog [heading]="candidate() ? 'Adopt ' + candidate()?.name : 'Adopt'" [open]="!!candidate()" (closed)="closed.emit()">
      @if (candidate(); as candidate) {
        <form novalidate (submit)="submit($event, candidate)" [attr.aria-busy]="busy()">
          <p class="intro">CT {{ candidate.vmid }} on {{ candidate.node }}. Proxdeck tags it and manages it like an app it deployed.</p>
          @if (formError(); as message) {
            <div class="pd-alert pd-alert--error" role="alert">
              <p class="pd-alert__title">The adoption was refused</p>
              <p>{{ message }}</p>
            </div>
          }
          <div class="pd-field">
            <label for="adopt-catalog">Catalog app</label>
            <select #catalogSelect id="adopt-catalog" class="pd-select" data-autofocus [value]="catalogId()" (change)="catalogId.set(catalogSelect.value)">
              <option [value]="custom">Custom (not in the catalog)</option>
              @for (item of catalog(); track item.id) {
                <option [value]="item.id">{{ item.name }}</option>
              }
            </select>
          </div>
          @if (catalogId() === custom) {
            <div class="pd-field">
              <label for="adopt-port">Web port</label>
              <input
                #portInput
                id="adopt-port"
                class="pd-input"
                type="number"
                min="1"
                max="65535"
                inputmode="numeric"
                [value]="port()"
                [attr.aria-invalid]="portError() ? 'true' : null"
                aria-describedby="adopt-port-hint"
                (input)="port.set(portInput.value)"
              />
              <p class="pd-field__hint" id="adopt-port-hint">The port its web interface listens on, for the health check and /apps/&lt;hostname&gt;/.</p>
              @if (portError(); as error) {
                <p class="pd-field__error">{{ error }}</p>
              }
            </div>
          }
          <div class="pd-field">
            <label for="adopt-hostname">Hostname</label>
            <input
              #hostnameInput
              id="adopt-hostname"
              class="pd-input"
              autocomplete="off"
              spellcheck="false"
              [value]="hostname()"
              [attr.aria-invalid]="hostnameError() ? 'true' : null"
              (input)="hostname.set(hostnameInput.value)"
            />
            @if (hostnameError(); as error) {
              <p class="pd-field__error">{{ error }}</p>
            }
          </div>
          <div class="pd-dialog__actions">
            <button pdButton type="button" (click)="closed.emit()">Cancel</button>
            <button pdButton variant="primary" type="submit" [disabled]="busy()">{{ busy() ? 'Adopting…' : 'Adopt' }}</button>
          </div>
        </form>
      }
    </pd-dialog>
  `,
  styles: `.intro { margin: 0 0 16px; color: var(--pd-text-muted); }`,
})
export class AdoptDialogComponent {
  private readonly api = inject(AdoptionApi);
  private readonly catalogStore = inject(CatalogStore);
  private readonly apps = inject(AppsStore);
  private readonly accepted = inject(AcceptedOperations);
  private readonly toasts = inject(ToastService);

  readonly candidate = input<AdoptableContainer | null>(null);
  readonly closed = output<void>();
  readonly adopted = output<string | null>();

  protected readonly custom = CUSTOM;
  /** By name; empty while loading or if the catalog cannot be read (custom adoption still works). */
  protected readonly catalog = this.catalogStore.items;
  protected readonly catalogId = signal(CUSTOM);
  protected readonly port = signal('80');
  protected readonly hostname = signal('');
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);

  protected readonly portError = computed(() => {
    if (!this.submitted() || this.catalogId() !== CUSTOM) return null;
    const port = Number(this.port());
    return Number.isInteger(port) && port >= 1 && port <= 65535 ? null : 'Enter a port between 1 and 65535.';
  });
  protected readonly hostnameError = computed(() => {
    if (!this.submitted()) return null;
    const value = this.hostname().trim();
    if (this.apps.apps().some((app) => app.hostname === value)) return 'This hostname is already in use. Pick another one.';
    const problem = hostnameProblem(value);
    return problem ? `Hostname ${problem}.` : null;
  });

  constructor() {
    effect(() => {
      const candidate = this.candidate();
      if (!candidate) return;
      untracked(() => {
        this.catalogId.set(CUSTOM);
        this.port.set('80');
        this.hostname.set(candidate.name);
        this.submitted.set(false);
        this.formError.set(null);
        void this.catalogStore.load().catch(() => undefined);
      });
    });
  }

  protected async submit(event: Event, candidate: AdoptableContainer): Promise<void> {
    event.preventDefault();
    if (this.busy()) return;
    this.submitted.set(true);
    if (this.portError() || this.hostnameError()) return;
    const catalogId = this.catalogId();
    const request: AdoptRequest = {
      node: candidate.node,
      vmid: candidate.vmid,
      hostname: this.hostname().trim(),
      ...(catalogId === CUSTOM ? { port: Number(this.port()) } : { catalogId }),
    };
    this.busy.set(true);
    this.formError.set(null);
    try {
      const accepted = await firstValueFrom(this.api.adopt(request));
      this.accepted.record(accepted);
      this.toasts.info(`Adopting ${request.hostname}…`);
      this.adopted.emit(accepted.app?.id ?? accepted.operation.appId);
    } catch (error) {
      this.formError.set(problemMessage(toProblem(error)));
    } finally {
      this.busy.set(false);
    }
  }
}
