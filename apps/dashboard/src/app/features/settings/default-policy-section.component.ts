import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { SettingsApi } from '@proxdeck/dashboard-data-access';
import type { AppPolicyDto, SettingsDto } from '@proxdeck/shared-contracts';
import { map, of, tap } from 'rxjs';
import { PolicyFormComponent, type PolicySource } from '../apps/settings/policy-form.component';

/** The policy every app without one of its own follows: backup schedule and retention, update checks. */
@Component({
  selector: 'pd-default-policy-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [PolicyFormComponent],
  template: `
    <pd-policy-form
      heading="Default backups and updates"
      hint="Every app without a policy of its own follows this one; an app's Settings tab can give it its own."
      [source]="source"
      [mayOperate]="true"
    />
  `,
})
export class DefaultPolicySectionComponent {
  readonly settings = input.required<SettingsDto>();
  readonly saved = output<SettingsDto>();

  private readonly api = inject(SettingsApi);

  /** Read once from the settings the page loaded; saving sends only the default policy. */
  protected readonly source: PolicySource = {
    load: () => of(this.settings().defaultPolicy),
    save: (policy: AppPolicyDto) =>
      this.api.save({ defaultPolicy: policy }).pipe(
        tap((settings) => this.saved.emit(settings)),
        map((settings) => settings.defaultPolicy),
      ),
    errorPrefix: 'defaultPolicy.',
  };
}
