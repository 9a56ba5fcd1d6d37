import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { SettingsApi, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, ToastService } from '@proxdeck/dashboard-ui';
import type { ProblemDetails, ProxmoxConnectionTestDto, SettingsDto } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { connectionValues, fieldErrors, toConnectionRequest, validateConnection } from './settings-form';
import { TextFieldComponent } from './text-field.component';

/** The Proxmox connection: address, API token (secret write-only), TLS check; test before saving. */
@Component({
  selector: 'pd-connection-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ButtonDirective, TextFieldComponent],
  template: `
    <section class="pd-card" aria-labelledby="connection-heading">
      <h2 id="connection-heading" class="section__title">Proxmox connection</h2>
      <form novalidate (submit)="save($event)" [attr.aria-busy]="saving()">
        @if (problem(); as p) {
          <div class="pd-alert pd-alert--error" role="alert">
            <p class="pd-alert__title">The connection was not saved</p>
            <p>{{ message(p) }}</p>
          </div>
        }
        <pd-text-field fieldId="proxmox-url" label="Proxmox URL" type="url" placeholder="https://pve.example.lan:8006" [(value)]="url" [error]="errors()['url']" [required]="true" />
        <pd-text-field fieldId="proxmox-token-id" label="API token ID" placeholder="proxdeck@pve!proxdeck" [(value)]="tokenId" [error]="errors()['tokenId']" hint="user@realm!tokenname" />
        <pd-text-field
          fieldId="proxmox-token-secret"
          label="API token secret"
          type="password"
          autocomplete="new-password"
          [(value)]="tokenSecret"
          [error]="errors()['tokenSecret']"
          [hint]="secretSet() ? 'A secret is set. Leave this empty to keep it.' : 'No secret is set yet.'"
        />
        <div class="pd-field">
          <label class="checkbox">
            <input #tls type="checkbox" [checked]="verifyTls()" (change)="verifyTls.set(tls.checked)" />
            Verify the TLS certificate
          </label>
          @if (errors()['verifyTls']; as error) {
            <p class="pd-field__error">{{ error }}</p>
          }
        </div>
        <div class="actions">
          <button pdButton type="button" (click)="test()" [disabled]="testing()">{{ testing() ? 'Testing…' : 'Test connection' }}</button>
          <button pdButton variant="primary" type="submit" [disabled]="saving()">{{ saving() ? 'Saving…' : 'Save connection' }}</button>
        </div>
        <div aria-live="polite">
          @if (result(); as r) {
            <div class="pd-alert test-result" [class.pd-alert--info]="r.ok" [class.pd-alert--error]="!r.ok">
              <p class="pd-alert__title">{{ r.ok ? 'Connection works' : 'Connection failed' }}</p>
              <p>{{ r.message }}</p>
              @if (r.nodes.length) {
                <p>Nodes: {{ r.nodes.join(', ') }}</p>
              }
            </div>
          }
        </div>
      </form>
    </section>
  `,
  styles: `
    .checkbox { display: flex; gap: 8px; align-items: center; font-weight: 600; font-size: 14px; }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; }
    .test-result { margin: 16px 0 0; }
  `,
})
export class ConnectionSectionComponent {
  readonly settings = input.required<SettingsDto>();
  readonly saved = output<SettingsDto>();

  private readonly api = inject(SettingsApi);
  private readonly toasts = inject(ToastService);

  protected readonly url = signal('');
  protected readonly tokenId = signal('');
  protected readonly tokenSecret = signal('');
  protected readonly verifyTls = signal(true);
  protected readonly secretSet = computed(() => this.settings().proxmox.tokenSecretSet);
  protected readonly saving = signal(false);
  protected readonly testing = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly result = signal<ProxmoxConnectionTestDto | null>(null);
  /** Refused before sending (the gateway's rules); cleared by the next attempt. */
  private readonly clientErrors = signal<Record<string, string>>({});
  protected readonly errors = computed(() => {
    const problem = this.problem();
    // PUT names fields `proxmox.url`; the test route names them `url`.
    return { ...fieldErrors(problem), ...fieldErrors(problem, 'proxmox'), ...this.clientErrors() };
  });

  constructor() {
    effect(() => {
      const values = connectionValues(this.settings());
      untracked(() => {
        this.url.set(values.url);
        this.tokenId.set(values.tokenId);
        this.tokenSecret.set(values.tokenSecret);
        this.verifyTls.set(values.verifyTls);
      });
    });
  }

  protected message(problem: ProblemDetails): string {
    return problem.errors && Object.keys(problem.errors).length ? 'Correct the marked fields and save again.' : problemMessage(problem);
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    this.problem.set(null);
    if (!this.checked()) return;
    this.saving.set(true);
    try {
      const settings = await firstValueFrom(this.api.save({ proxmox: toConnectionRequest(this.values()) }));
      this.toasts.success('The Proxmox connection was saved.');
      this.saved.emit(settings);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.saving.set(false);
    }
  }

  protected async test(): Promise<void> {
    this.problem.set(null);
    this.result.set(null);
    if (!this.checked()) return;
    this.testing.set(true);
    try {
      this.result.set(await firstValueFrom(this.api.testProxmox(toConnectionRequest(this.values()))));
    } catch (error) {
      const problem = toProblem(error);
      if (problem.errors) this.problem.set(problem);
      else this.result.set({ ok: false, message: problemMessage(problem), version: null, nodes: [] });
    } finally {
      this.testing.set(false);
    }
  }

  private checked(): boolean {
    const errors = validateConnection(this.values());
    this.clientErrors.set(errors);
    return Object.keys(errors).length === 0;
  }

  private values() {
    return { url: this.url(), tokenId: this.tokenId(), tokenSecret: this.tokenSecret(), verifyTls: this.verifyTls() };
  }
}
