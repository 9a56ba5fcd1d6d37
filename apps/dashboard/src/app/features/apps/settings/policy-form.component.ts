import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { AppsApi, SessionStore, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, ErrorStateComponent, LoadingStateComponent, ToastService } from '@proxdeck/dashboard-ui';
import { DEFAULT_APP_POLICY, type AppPolicyDto } from '@proxdeck/shared-contracts';
import { firstValueFrom, type Observable } from 'rxjs';

/** Where a policy is read and saved: an app's own (the default), or the default policy in Settings. */
export interface PolicySource {
  load(): Observable<AppPolicyDto>;
  save(policy: AppPolicyDto): Observable<AppPolicyDto>;
  /** What the gateway puts before the field names of its errors, e.g. `defaultPolicy.`. */
  readonly errorPrefix?: string;
}

type KeepKey = 'keepLast' | 'keepDaily' | 'keepWeekly' | 'keepMonthly';

const KEEP_FIELDS: readonly { key: KeepKey; label: string; pro: boolean }[] = [
  { key: 'keepLast', label: 'Keep last', pro: false },
  { key: 'keepDaily', label: 'Keep daily', pro: true },
  { key: 'keepWeekly', label: 'Keep weekly', pro: true },
  { key: 'keepMonthly', label: 'Keep monthly', pro: true },
];

/** A backup schedule with retention, and how updates are looked for and applied: an app's or the default one. */
@Component({
  selector: 'pd-policy-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ButtonDirective, ErrorStateComponent, LoadingStateComponent],
  template: `
    <section class="pd-card section" aria-labelledby="policy-heading">
      <h2 id="policy-heading" class="section__title">{{ heading() }}</h2>
      @if (hint(); as hint) {
        <p class="pd-field__hint">{{ hint }}</p>
      }
      @if (loadError(); as message) {
        <pd-error-state heading="The policy could not be loaded" [message]="message" (retry)="load(policySource())" />
      } @else if (policy(); as policy) {
        <form novalidate (submit)="save($event)" [attr.aria-busy]="busy()">
          @if (formError(); as message) {
            <div class="pd-alert pd-alert--error" role="alert"><p>{{ message }}</p></div>
          }
          <label class="checkbox">
            <input #scheduled type="checkbox" [disabled]="!mayOperate()" [checked]="policy.backup.schedule !== null" (change)="setScheduled(scheduled.checked)" />
            Back up on a schedule
          </label>
          @if (policy.backup.schedule !== null) {
            <div class="pd-field-row">
              <div class="pd-field">
                <label for="policy-schedule">Schedule (cron)</label>
                <input
                  #schedule
                  id="policy-schedule"
                  class="pd-input mono"
                  autocomplete="off"
                  spellcheck="false"
                  [disabled]="!mayOperate()"
                  [value]="policy.backup.schedule"
                  [attr.aria-invalid]="errors()['backup.schedule'] ? 'true' : null"
                  aria-describedby="policy-schedule-hint"
                  (input)="patchBackup({ schedule: schedule.value })"
                />
                <p class="pd-field__hint" id="policy-schedule-hint">Five fields: minute hour day month weekday. 0 3 * * * is every night at 03:00.</p>
                @if (errors()['backup.schedule']; as error) {
                  <p class="pd-field__error">{{ error }}</p>
                }
              </div>
              <div class="pd-field">
                <label for="policy-timezone">Time zone</label>
                <input
                  #timezone
                  id="policy-timezone"
                  class="pd-input"
                  autocomplete="off"
                  [disabled]="!mayOperate()"
                  [value]="policy.backup.timezone"
                  [attr.aria-invalid]="errors()['backup.timezone'] ? 'true' : null"
                  (input)="patchBackup({ timezone: timezone.value })"
                />
                @if (errors()['backup.timezone']; as error) {
                  <p class="pd-field__error">{{ error }}</p>
                }
              </div>
            </div>
            <div class="pd-field-row">
              @for (field of keepFields(); track field.key) {
                <div class="pd-field">
                  <label [for]="'policy-' + field.key">{{ field.label }}</label>
                  <input
                    #keep
                    class="pd-input"
                    type="number"
                    min="0"
                    inputmode="numeric"
                    [id]="'policy-' + field.key"
                    [disabled]="!mayOperate()"
                    [value]="policy.backup[field.key]"
                    [attr.aria-invalid]="errors()['backup.' + field.key] ? 'true' : null"
                    (input)="setKeep(field.key, keep.value)"
                  />
                  @if (errors()['backup.' + field.key]; as error) {
                    <p class="pd-field__error">{{ error }}</p>
                  }
                </div>
              }
            </div>
            <p class="pd-field__hint">Protected backups and those an update still needs are never pruned.</p>
          }
          <label class="checkbox">
            <input #check type="checkbox" [disabled]="!mayOperate()" [checked]="policy.updates.check" (change)="patchUpdates({ check: check.checked })" />
            Check for updates daily
          </label>
          <label class="checkbox">
            <input #apply type="checkbox" [disabled]="!mayOperate() || !policy.updates.check" [checked]="policy.updates.autoApply" (change)="patchUpdates({ autoApply: apply.checked })" />
            Apply updates without asking
          </label>
          @if (mayOperate()) {
            <div class="form-actions">
              <button pdButton variant="primary" type="submit" [disabled]="busy()">{{ busy() ? 'Saving…' : 'Save policy' }}</button>
            </div>
          }
        </form>
      } @else {
        <pd-loading-state label="Loading policy…" />
      }
    </section>
  `,
  styles: `
    .checkbox { display: flex; align-items: center; gap: 8px; font-weight: 600; margin-bottom: 12px; }
    .form-actions { display: flex; justify-content: flex-end; }
  `,
})
export class PolicyFormComponent {
  private readonly api = inject(AppsApi);
  private readonly toasts = inject(ToastService);
  private readonly session = inject(SessionStore);

  /** The app whose own policy this is; or give `source` (e.g. the default policy). */
  readonly appId = input<string | null>(null);
  readonly source = input<PolicySource | null>(null);
  readonly heading = input('Backups and updates');
  readonly hint = input('');
  readonly mayOperate = input(false);

  protected readonly policySource = computed<PolicySource>(() => {
    const source = this.source();
    if (source) return source;
    const appId = this.appId();
    if (!appId) throw new Error('pd-policy-form needs an appId or a source');
    return { load: () => this.api.policy(appId), save: (policy) => this.api.savePolicy(appId, policy) };
  });

  protected readonly policy = signal<AppPolicyDto | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly formError = signal<string | null>(null);
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly busy = signal(false);
  /** AUTO keeps retention to "keep last N"; PRO shows the daily/weekly/monthly tiers too. */
  protected readonly keepFields = computed(() => KEEP_FIELDS.filter((field) => !field.pro || this.session.mode() === 'pro'));

  constructor() {
    effect(() => {
      const source = this.policySource();
      untracked(() => void this.load(source));
    });
  }

  protected async load(source: PolicySource): Promise<void> {
    this.loadError.set(null);
    this.policy.set(null);
    try {
      this.policy.set(await firstValueFrom(source.load()));
    } catch (error) {
      this.loadError.set(problemMessage(toProblem(error)));
    }
  }

  protected setScheduled(on: boolean): void {
    this.patchBackup({ schedule: on ? DEFAULT_APP_POLICY.backup.schedule : null });
  }

  protected patchBackup(patch: Partial<AppPolicyDto['backup']>): void {
    this.policy.update((policy) => (policy ? { ...policy, backup: { ...policy.backup, ...patch } } : policy));
  }

  protected patchUpdates(patch: Partial<AppPolicyDto['updates']>): void {
    this.policy.update((policy) => {
      if (!policy) return policy;
      const updates = { ...policy.updates, ...patch };
      if (!updates.check) updates.autoApply = false;
      return { ...policy, updates };
    });
  }

  protected setKeep(key: KeepKey, text: string): void {
    const value = Number(text);
    this.patchBackup({ [key]: Number.isFinite(value) ? value : 0 });
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    const policy = this.policy();
    if (!policy || this.busy()) return;
    this.busy.set(true);
    this.formError.set(null);
    this.errors.set({});
    try {
      const source = this.policySource();
      this.policy.set(await firstValueFrom(source.save(policy)));
      this.toasts.success('Policy saved.');
    } catch (error) {
      const problem = toProblem(error);
      const prefix = this.policySource().errorPrefix ?? '';
      this.errors.set(
        Object.fromEntries(Object.entries(problem.errors ?? {}).map(([field, message]) => [field.startsWith(prefix) ? field.slice(prefix.length) : field, message])),
      );
      this.formError.set(problemMessage(problem));
    } finally {
      this.busy.set(false);
    }
  }
}
