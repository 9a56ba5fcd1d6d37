import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MonitoringApi, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { EmptyStateComponent, ErrorStateComponent, LoadingStateComponent } from '@proxdeck/dashboard-ui';
import { type AppDto, type MetricsDto, type MetricsTimeframe } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { MetricsChartComponent } from '../monitoring/metrics-chart.component';
import { TimeframePickerComponent } from '../monitoring/timeframe-picker.component';

/** This app's CPU, memory and network (Proxmox rrddata), the same charts as the Monitoring view. */
@Component({
  selector: 'pd-app-metrics-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent, MetricsChartComponent, TimeframePickerComponent],
  template: `
    <div class="controls">
      <pd-timeframe-picker name="app-timeframe" [value]="timeframe()" (changed)="timeframe.set($event)" />
      <a routerLink="/monitoring" [queryParams]="{ app: app().id, timeframe: timeframe() }">Open in Monitoring</a>
    </div>
    @switch (state()) {
      @case ('loading') {
        <pd-loading-state label="Loading metrics…" />
      }
      @case ('error') {
        <pd-error-state heading="Metrics could not be loaded" [message]="error()" (retry)="load()" />
      }
      @default {
        @if (metrics(); as m) {
          @if (m.points.length === 0) {
            <pd-empty-state heading="No metrics yet" message="Proxmox has recorded nothing for this app in this timeframe. A stopped or new container has no history yet." />
          } @else {
            <section class="charts" [attr.aria-label]="'Metrics of ' + app().hostname">
              <pd-metrics-chart kind="cpu" heading="CPU" [points]="m.points" />
              <pd-metrics-chart kind="memory" heading="Memory" [points]="m.points" />
              <pd-metrics-chart kind="network" heading="Network" [points]="m.points" />
            </section>
          }
        }
      }
    }
  `,
  styles: `
    .controls { display: flex; align-items: end; justify-content: space-between; gap: 16px; flex-wrap: wrap; margin-bottom: 16px; }
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr)); gap: 16px; }
  `,
})
export class AppMetricsTabComponent {
  private readonly api = inject(MonitoringApi);
  readonly app = input.required<AppDto>();

  protected readonly timeframe = signal<MetricsTimeframe>('hour');
  protected readonly state = signal<'loading' | 'loaded' | 'error'>('loading');
  protected readonly metrics = signal<MetricsDto | null>(null);
  protected readonly error = signal('');

  constructor() {
    // Reload when the app or the timeframe changes (not on every app update the event stream brings).
    let last = '';
    effect(() => {
      const key = `${this.app().id} ${this.timeframe()}`;
      if (key === last) return;
      last = key;
      untracked(() => void this.load());
    });
  }

  protected async load(): Promise<void> {
    const timeframe = this.timeframe();
    this.state.set('loading');
    try {
      this.metrics.set(await firstValueFrom(this.api.appMetrics(this.app().id, timeframe)));
      this.state.set('loaded');
    } catch (e) {
      this.error.set(problemMessage(toProblem(e)));
      this.state.set('error');
    }
  }
}
