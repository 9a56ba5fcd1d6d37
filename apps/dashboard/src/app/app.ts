import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { ThemePreference, ToastOutletComponent } from '@proxdeck/dashboard-ui';

@Component({
  selector: 'pd-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, ToastOutletComponent],
  template: `<router-outlet /><pd-toast-outlet />`,
})
export class App {
  constructor() {
    inject(ThemePreference); // Applies the chosen light/dark theme before anything renders.
  }
}
