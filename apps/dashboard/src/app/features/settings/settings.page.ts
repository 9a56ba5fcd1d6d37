import { ChangeDetectionStrategy, Component, computed, inject, signal, type OnInit } from '@angular/core';
import { SessionStore, SettingsApi, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ErrorStateComponent, LoadingStateComponent } from '@proxdeck/dashboard-ui';
import type { SettingsDto } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { ConnectionSectionComponent } from './connection-section.component';
import { DefaultPolicySectionComponent } from './default-policy-section.component';
import { DefaultsSectionComponent } from './defaults-section.component';
import { ThemeSectionComponent } from './theme-section.component';
import { TokensSectionComponent } from './tokens-section.component';
import { UsersSectionComponent } from './users-section.component';

/**
 * Settings: the Proxmox connection, defaults and users for admins; everyone's own API tokens and
 * theme. Others are told plainly that the cluster settings are for admins.
 */
@Component({
  selector: 'pd-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ErrorStateComponent, LoadingStateComponent, ConnectionSectionComponent, DefaultsSectionComponent, DefaultPolicySectionComponent, ThemeSectionComponent, TokensSectionComponent, UsersSectionComponent],
  template: `
    <div class="page-header">
      <div>
        <h1>Settings</h1>
        <p class="page-header__sub">How Proxdeck reaches Proxmox, where new apps go, who may sign in, and how the console looks.</p>
      </div>
    </div>
    <div class="sections">
      @if (isAdmin()) {
        @switch (state()) {
          @case ('error') {
            <pd-error-state heading="Settings could not be loaded" [message]="error()" (retry)="load()" />
          }
          @case ('loaded') {
            @if (settings(); as s) {
              <pd-connection-section [settings]="s" (saved)="settings.set($event)" />
              <pd-defaults-section [settings]="s" (saved)="settings.set($event)" />
              <pd-default-policy-section [settings]="s" (saved)="settings.set($event)" />
            }
          }
          @default {
            <pd-loading-state label="Loading settings…" />
          }
        }
        <pd-users-section />
      } @else {
        <div class="pd-alert pd-alert--info">
          <p class="pd-alert__title">Admins only</p>
          <p>The Proxmox connection, defaults, and users are for admins. Ask an admin to change them. Your API tokens and the theme are below.</p>
        </div>
      }
      <pd-tokens-section />
      <pd-theme-section />
    </div>
  `,
  styles: `.sections { display: flex; flex-direction: column; gap: 24px; max-width: 960px; }`,
})
export class SettingsPage implements OnInit {
  private readonly api = inject(SettingsApi);
  private readonly session = inject(SessionStore);

  protected readonly isAdmin = computed(() => this.session.user()?.role === 'admin');
  protected readonly settings = signal<SettingsDto | null>(null);
  protected readonly state = signal<'loading' | 'loaded' | 'error'>('loading');
  protected readonly error = signal('');

  ngOnInit(): void {
    if (this.isAdmin()) void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set('loading');
    try {
      this.settings.set(await firstValueFrom(this.api.get()));
      this.state.set('loaded');
    } catch (error) {
      this.error.set(problemMessage(toProblem(error)));
      this.state.set('error');
    }
  }
}
