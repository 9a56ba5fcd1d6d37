import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, effect, inject, viewChild } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AppsStore, EventStream, SessionStore } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, ToastService } from '@proxdeck/dashboard-ui';
import { ConnectionIndicatorComponent } from './connection-indicator.component';
import { ModeSwitchComponent } from './mode-switch.component';
import { OperationToasts } from './operation-toasts';

/** The signed-in frame: top bar, side navigation, and the live event stream for every view inside. */
@Component({
  selector: 'pd-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, ButtonDirective, ConnectionIndicatorComponent, ModeSwitchComponent],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.css',
})
export class ShellComponent {
  protected readonly session = inject(SessionStore);
  private readonly stream = inject(EventStream);
  private readonly router = inject(Router);
  private readonly toasts = inject(ToastService);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly navItems = [
    { path: '/', label: 'Dashboard', exact: true },
    { path: '/apps', label: 'Apps', exact: false },
    { path: '/catalog', label: 'Catalog', exact: false },
    { path: '/backups', label: 'Backups', exact: false },
    { path: '/adoption', label: 'Adoption', exact: false },
    { path: '/nodes', label: 'Nodes', exact: false },
    { path: '/monitoring', label: 'Monitoring', exact: false },
    { path: '/operations', label: 'Operations', exact: false },
  ];
  /** Shown to admins only; the views themselves also say "admins only" to anyone else. */
  protected readonly adminNavItems = [
    { path: '/settings', label: 'Settings', exact: false },
    { path: '/audit', label: 'Audit log', exact: false },
  ];
  protected readonly isAdmin = computed(() => this.session.user()?.role === 'admin');

  constructor() {
    inject(OperationToasts); // Created before the stream opens, so no event is missed.
    this.stream.connect();
    void inject(AppsStore).load();
    // The session can end underneath us (refresh refused): leave for the login page.
    effect(() => {
      if (!this.session.isAuthenticated()) void this.router.navigate(['/login']);
    });
    inject(DestroyRef).onDestroy(() => this.stream.disconnect());
  }

  protected skipToContent(): void {
    this.main().nativeElement.focus();
  }

  protected async logout(): Promise<void> {
    this.stream.disconnect();
    this.toasts.clear();
    await this.session.logout();
    await this.router.navigate(['/login']);
  }
}
