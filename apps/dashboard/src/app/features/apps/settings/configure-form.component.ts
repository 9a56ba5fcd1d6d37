import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { AcceptedOperations, AppsApi, SessionStore, canPerform, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, ToastService } from '@proxdeck/dashboard-ui';
import type { AppDto } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';
import {
  initialConfigureValues,
  toConfigureRequest,
  validateConfigure,
  type ConfigureErrors,
  type ConfigureValues,
  type EnvRow,
} from './configure-form';

type ResourceKey = 'cores' | 'memoryMb' | 'diskGb';

/** Resources (cores and memory live, disk grows) and, in PRO, environment variables (applied with a restart). */
@Component({
  selector: 'pd-configure-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ButtonDirective],
  template: `
    <form class="pd-card" novalidate (submit)="submit($event)" [attr.aria-busy]="busy()" aria-labelledby="configure-heading">
      <h2 id="configure-heading" class="section__title">Resources</h2>
      @if (app().pendingChanges.length) {
        <div class="pd-alert pd-alert--info" role="note">
          <p>Saved, applied at the next restart: {{ app().pendingChanges.join(', ') }}.</p>
        </div>
      }
      @if (formError(); as message) {
        <div class="pd-alert pd-alert--error" role="alert"><p>{{ message }}</p></div>
      }
      <div class="pd-field-row">
        @for (field of resourceFields; track field.key) {
          <div class="pd-field">
            <label [for]="'configure-' + field.key">{{ field.label }}</label>
            <input
              #control
              class="pd-input"
              type="number"
              inputmode="numeric"
              [id]="'configure-' + field.key"
              [attr.min]="field.key === 'diskGb' ? app().resources.diskGb : 1"
              [disabled]="!mayOperate()"
              [value]="values()[field.key]"
              [attr.aria-invalid]="errorFor(field.key) ? 'true' : null"
              [attr.aria-describedby]="describedBy(field.key)"
              (input)="setResource(field.key, control.value)"
            />
            @if (field.key === 'diskGb') {
              <p class="pd-field__hint" id="configure-diskGb-hint">Disk can only grow, never shrink.</p>
            }
            @if (errorFor(field.key); as error) {
              <p class="pd-field__error" [id]="'configure-' + field.key + '-error'">{{ error }}</p>
            }
          </div>
        }
      </div>

      @if (pro()) {
        <fieldset class="env" aria-describedby="env-hint">
          <legend class="pd-label">Environment variables</legend>
          <p class="pd-field__hint" id="env-hint">Set on top of the catalog's; changing them restarts the app.</p>
          @for (row of values().env; track $index; let i = $index) {
            <div class="env__row">
              <input #key class="pd-input mono" [attr.aria-label]="'Name of variable ' + (i + 1)" [disabled]="!mayOperate()" [value]="row.key" (input)="setEnv(i, { key: key.value, value: row.value })" />
              <input #value class="pd-input mono" [attr.aria-label]="'Value of variable ' + (i + 1)" [disabled]="!mayOperate()" [value]="row.value" (input)="setEnv(i, { key: row.key, value: value.value })" />
              @if (mayOperate()) {
                <button pdButton size="small" variant="ghost" type="button" [attr.aria-label]="'Remove variable ' + (row.key || i + 1)" (click)="removeEnv(i)">Remove</button>
              }
            </div>
          }
          @if (errorFor('env'); as error) {
            <p class="pd-field__error">{{ error }}</p>
          }
          @if (mayOperate()) {
            <button pdButton size="small" type="button" (click)="addEnv()">Add variable</button>
          }
        </fieldset>
      }

      @if (mayOperate()) {
        <div class="form-actions">
          <button pdButton type="button" [disabled]="busy() || !dirty()" (click)="reset()">Discard changes</button>
          <button pdButton variant="primary" type="submit" [disabled]="busy() || !dirty() || !canConfigure()">
            {{ busy() ? 'Applying…' : 'Apply changes' }}
          </button>
        </div>
      }
    </form>
  `,
  styles: `
    .env { border: 0; padding: 0; margin: 8px 0 16px; display: flex; flex-direction: column; gap: 8px; align-items: flex-start; }
    .env__row { display: grid; grid-template-columns: minmax(120px, 1fr) minmax(160px, 2fr) auto; gap: 8px; width: 100%; }
    .form-actions { display: flex; gap: 8px; justify-content: flex-end; }
  `,
})
export class ConfigureFormComponent {
  private readonly api = inject(AppsApi);
  private readonly accepted = inject(AcceptedOperations);
  private readonly toasts = inject(ToastService);
  private readonly session = inject(SessionStore);

  readonly app = input.required<AppDto>();
  readonly mayOperate = input(false);

  protected readonly resourceFields: readonly { key: ResourceKey; label: string }[] = [
    { key: 'cores', label: 'CPU cores' },
    { key: 'memoryMb', label: 'Memory (MB)' },
    { key: 'diskGb', label: 'Disk (GB)' },
  ];
  protected readonly pro = computed(() => this.session.mode() === 'pro');
  protected readonly values = signal<ConfigureValues>({ cores: '', memoryMb: '', diskGb: '', env: [] });
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly serverErrors = signal<ConfigureErrors>({});
  protected readonly clientErrors = computed(() => validateConfigure(this.app(), this.values()));
  protected readonly dirty = computed(() => Object.keys(toConfigureRequest(this.app(), this.values())).length > 0);
  protected readonly canConfigure = computed(() => canPerform(this.app(), 'configure'));

  /** Resets to the app's settings whenever they change (e.g. after the configure succeeded). */
  private readonly settingsKey = computed(() => {
    const app = this.app();
    return JSON.stringify([app.id, app.resources, app.env]);
  });

  constructor() {
    effect(() => {
      this.settingsKey();
      untracked(() => this.reset());
    });
  }

  protected errorFor(key: keyof ConfigureErrors): string | undefined {
    return (this.submitted() ? this.clientErrors()[key] : undefined) ?? this.serverErrors()[key];
  }

  protected describedBy(key: ResourceKey): string | null {
    const ids = key === 'diskGb' ? ['configure-diskGb-hint'] : [];
    if (this.errorFor(key)) ids.push(`configure-${key}-error`);
    return ids.length ? ids.join(' ') : null;
  }

  protected setResource(key: ResourceKey, value: string): void {
    this.values.update((values) => ({ ...values, [key]: value }));
    this.serverErrors.update(({ [key]: _cleared, ...rest }) => rest);
  }

  protected setEnv(index: number, row: EnvRow): void {
    this.values.update((values) => ({ ...values, env: values.env.map((existing, i) => (i === index ? row : existing)) }));
  }

  protected addEnv(): void {
    this.values.update((values) => ({ ...values, env: [...values.env, { key: '', value: '' }] }));
  }

  protected removeEnv(index: number): void {
    this.values.update((values) => ({ ...values, env: values.env.filter((_, i) => i !== index) }));
  }

  protected reset(): void {
    this.values.set(initialConfigureValues(this.app()));
    this.submitted.set(false);
    this.serverErrors.set({});
    this.formError.set(null);
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const app = this.app();
    if (this.busy() || !this.dirty()) return;
    this.submitted.set(true);
    if (Object.keys(this.clientErrors()).length > 0) return;
    this.busy.set(true);
    this.formError.set(null);
    try {
      this.accepted.record(await firstValueFrom(this.api.configure(app.id, toConfigureRequest(app, this.values()))));
      this.toasts.info(`Applying the new settings of ${app.hostname}…`);
    } catch (error) {
      const problem = toProblem(error);
      const fields: ConfigureErrors = {};
      for (const [path, message] of Object.entries(problem.errors ?? {})) {
        const key = path.startsWith('env') ? 'env' : path;
        if (key === 'cores' || key === 'memoryMb' || key === 'diskGb' || key === 'env') fields[key] = message;
      }
      if (problem.code === 'DISK_SHRINK_REFUSED' && !fields.diskGb) fields.diskGb = problem.detail || problem.title;
      this.serverErrors.set(fields);
      if (Object.keys(fields).length === 0) this.formError.set(problemMessage(problem));
    } finally {
      this.busy.set(false);
    }
  }
}
