import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { SettingsApi, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, ToastService } from '@proxdeck/dashboard-ui';
import type { ProblemDetails, SettingsDto } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { networkChanged, networkValues, toNetworkSettings, validateNetwork, type NetworkValues } from './network-form';
import { defaultsValues, fieldErrors, toDefaultsRequest, validateDefaults, type DefaultsValues } from './settings-form';
import { TextFieldComponent } from './text-field.component';

/** Where new apps go by default (storages, bridge, how they get an address) and the domain apps are served under. */
@Component({
  selector: 'pd-defaults-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ButtonDirective, TextFieldComponent],
  template: `
    <section class="pd-card" aria-labelledby="defaults-heading">
      <h2 id="defaults-heading" class="section__title">Defaults</h2>
      <form novalidate (submit)="save($event)" [attr.aria-busy]="saving()">
        @if (problem(); as p) {
          <div class="pd-alert pd-alert--error" role="alert">
            <p class="pd-alert__title">The defaults were not saved</p>
            <p>{{ message(p) }}</p>
          </div>
        }
        <div class="grid">
          <pd-text-field fieldId="defaults-storage" label="Container storage" [(value)]="storage" [error]="errors()['storage']" hint="Empty: the node's first storage for containers with room." />
          <pd-text-field fieldId="defaults-template-storage" label="Template storage" [(value)]="templateStorage" [error]="errors()['templateStorage']" [required]="true" />
          <pd-text-field fieldId="defaults-backup-storage" label="Backup storage" [(value)]="backupStorage" [error]="errors()['backupStorage']" hint="Empty: the node's first storage for backups." />
          <pd-text-field fieldId="defaults-bridge" label="Network bridge" [(value)]="bridge" [error]="errors()['bridge']" hint="e.g. vmbr0" [required]="true" />
        </div>
        <fieldset class="network">
          <legend class="network__legend">Container addresses</legend>
          <div class="choices">
            <label class="choice">
              <input type="radio" name="network-mode" id="network-mode-dhcp" value="dhcp" [checked]="networkMode() === 'dhcp'" (change)="networkMode.set('dhcp')" />
              DHCP
            </label>
            <label class="choice">
              <input type="radio" name="network-mode" id="network-mode-static" value="static" [checked]="networkMode() === 'static'" (change)="networkMode.set('static')" />
              Static pool
            </label>
          </div>
          @if (networkMode() === 'static') {
            <div class="grid">
              <pd-text-field fieldId="network-from" label="First address" placeholder="10.0.0.50" [(value)]="networkFrom" [error]="errors()['network.from']" [required]="true" />
              <pd-text-field fieldId="network-to" label="Last address" placeholder="10.0.0.99" [(value)]="networkTo" [error]="errors()['network.to']" [required]="true" />
              <pd-text-field fieldId="network-prefix" label="Prefix length" type="number" [(value)]="networkPrefix" [error]="errors()['network.prefix']" hint="8 to 30, e.g. 24" [required]="true" />
              <pd-text-field fieldId="network-gateway" label="Gateway" placeholder="10.0.0.1" [(value)]="networkGateway" [error]="errors()['network.gateway']" [required]="true" />
            </div>
            <p class="pd-field__hint">Each new container gets the lowest free address of the pool; an app's address is free again when it is deleted.</p>
          } @else {
            <p class="pd-field__hint">Containers ask the network's DHCP server for their address.</p>
          }
        </fieldset>
        <pd-text-field
          fieldId="apps-domain"
          label="Apps domain"
          placeholder="apps.example.lan"
          [(value)]="appsDomain"
          [error]="errors()['appsDomain']"
          hint="Also serve each app at &lt;hostname&gt;.&lt;domain&gt;. Empty: only at /apps/&lt;hostname&gt;/."
        />
        <div class="actions">
          <button pdButton variant="primary" type="submit" [disabled]="saving()">{{ saving() ? 'Saving…' : 'Save defaults' }}</button>
        </div>
      </form>
    </section>
  `,
  styles: `
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 0 16px; }
    .actions { display: flex; justify-content: flex-end; }
    .network { border: 0; margin: 0 0 12px; padding: 0; }
    .network__legend { font-weight: 600; font-size: 14px; margin-bottom: 8px; padding: 0; }
    .choices { display: flex; flex-wrap: wrap; gap: 8px 24px; margin-bottom: 8px; }
    .choice { display: flex; align-items: center; gap: 8px; font-size: 14px; cursor: pointer; }
  `,
})
export class DefaultsSectionComponent {
  readonly settings = input.required<SettingsDto>();
  readonly saved = output<SettingsDto>();

  private readonly api = inject(SettingsApi);
  private readonly toasts = inject(ToastService);

  protected readonly storage = signal('');
  protected readonly templateStorage = signal('');
  protected readonly backupStorage = signal('');
  protected readonly bridge = signal('');
  protected readonly appsDomain = signal('');
  protected readonly networkMode = signal<NetworkValues['mode']>('dhcp');
  protected readonly networkFrom = signal('');
  protected readonly networkTo = signal('');
  protected readonly networkPrefix = signal('');
  protected readonly networkGateway = signal('');
  protected readonly saving = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  /** Refused before sending (the gateway's rules); cleared by the next attempt. */
  private readonly clientErrors = signal<Record<string, string>>({});
  protected readonly errors = computed(() => {
    const problem = this.problem();
    return { ...fieldErrors(problem, 'defaults'), ...fieldErrors(problem), ...this.clientErrors() };
  });

  constructor() {
    effect(() => {
      const values = defaultsValues(this.settings());
      untracked(() => {
        this.storage.set(values.storage);
        this.templateStorage.set(values.templateStorage);
        this.backupStorage.set(values.backupStorage);
        this.bridge.set(values.bridge);
        this.appsDomain.set(values.appsDomain);
        const network = networkValues(this.settings().defaults.network);
        this.networkMode.set(network.mode);
        this.networkFrom.set(network.from);
        this.networkTo.set(network.to);
        this.networkPrefix.set(network.prefix);
        this.networkGateway.set(network.gateway);
      });
    });
  }

  protected message(problem: ProblemDetails): string {
    return problem.errors && Object.keys(problem.errors).length ? 'Correct the marked fields and save again.' : problemMessage(problem);
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    this.problem.set(null);
    const values: DefaultsValues = {
      storage: this.storage(),
      templateStorage: this.templateStorage(),
      backupStorage: this.backupStorage(),
      bridge: this.bridge(),
      appsDomain: this.appsDomain(),
    };
    const network: NetworkValues = {
      mode: this.networkMode(), from: this.networkFrom(), to: this.networkTo(), prefix: this.networkPrefix(), gateway: this.networkGateway(),
    };
    const errors = { ...validateDefaults(values), ...validateNetwork(network) };
    this.clientErrors.set(errors);
    if (Object.keys(errors).length) return;
    const request = toDefaultsRequest(values);
    if (request.defaults && networkChanged(network, this.settings().defaults.network)) request.defaults.network = toNetworkSettings(network);
    this.saving.set(true);
    try {
      const settings = await firstValueFrom(this.api.save(request));
      this.toasts.success('The defaults were saved.');
      this.saved.emit(settings);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.saving.set(false);
    }
  }
}
