import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { AppDto } from '@proxdeck/shared-contracts';
import { ConfigureFormComponent } from './configure-form.component';
import { PolicyFormComponent } from './policy-form.component';

/** The app's settings: resources and env, then its backup and update policy. */
@Component({
  selector: 'pd-app-settings-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ConfigureFormComponent, PolicyFormComponent],
  template: `
    <pd-configure-form [app]="app()" [mayOperate]="mayOperate()" />
    <pd-policy-form [appId]="app().id" [mayOperate]="mayOperate()" />
  `,
})
export class AppSettingsTabComponent {
  readonly app = input.required<AppDto>();
  readonly mayOperate = input(false);
}
