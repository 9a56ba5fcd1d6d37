import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { ToastOutletComponent } from '@proxdeck/dashboard-ui';

@Component({
  selector: 'pd-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, ToastOutletComponent],
  template: `<router-outlet /><pd-toast-outlet />`,
})
export class App {}
