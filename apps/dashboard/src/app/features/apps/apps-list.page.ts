import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AppsStore } from '@proxdeck/dashboard-data-access';
import {
  ButtonDirective,
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
  StatusBadgeComponent,
} from '@proxdeck/dashboard-ui';

/** Every app with its live status; the shell keeps the store loaded and the events flowing. */
@Component({
  selector: 'pd-apps-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ButtonDirective, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent, StatusBadgeComponent],
  template: `
    <div class="page-header">
      <div>
        <h1>Apps</h1>
        <p class="page-header__sub">Containers Proxdeck manages on your cluster.</p>
      </div>
      <div class="page-header__actions">
        <a pdButton variant="primary" routerLink="/catalog">Deploy an app</a>
      </div>
    </div>

    @switch (store.loadState()) {
      @case ('error') {
        <pd-error-state heading="Apps could not be loaded" [message]="store.loadError() ?? ''" (retry)="store.load()" />
      }
      @case ('loaded') {
        @if (store.apps().length === 0) {
          <pd-empty-state heading="No apps yet" message="Pick an app from the catalog and deploy it into its own container.">
            <a pdButton variant="primary" routerLink="/catalog">Browse the catalog</a>
          </pd-empty-state>
        } @else {
          <div class="pd-table-scroll">
            <table class="pd-table">
              <caption class="pd-visually-hidden">Apps</caption>
              <thead>
                <tr>
                  <th scope="col">Hostname</th>
                  <th scope="col">Status</th>
                  <th scope="col">App</th>
                  <th scope="col">Node</th>
                  <th scope="col">IP address</th>
                </tr>
              </thead>
              <tbody>
                @for (app of store.apps(); track app.id) {
                  <tr>
                    <th scope="row"><a class="hostname" [routerLink]="['/apps', app.id]">{{ app.hostname }}</a></th>
                    <td>
                      <span class="status">
                        <pd-status-badge [status]="app.status" />
                        @if (app.activeOperation; as operation) {
                          <span class="muted activity">{{ operation.type }} {{ operation.progress }}%</span>
                        }
                      </span>
                    </td>
                    <td>{{ app.name }} <span class="muted">{{ app.version }}</span></td>
                    <td>{{ app.node ?? '—' }}</td>
                    <td class="mono">{{ app.ip ?? '—' }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      }
      @default {
        <pd-loading-state label="Loading apps…" />
      }
    }
  `,
  styles: `
    .hostname { font-weight: 600; }
    th[scope='row'] { text-transform: none; letter-spacing: normal; font-size: 14px; background: none; color: inherit; }
    .status { display: inline-flex; align-items: center; gap: 8px; }
    .activity { font-size: 13px; }
  `,
})
export class AppsListPage {
  protected readonly store = inject(AppsStore);
}
