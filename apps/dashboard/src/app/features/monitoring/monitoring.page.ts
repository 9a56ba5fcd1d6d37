import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Router } from '@angular/router';
import { AppsStore, MonitoringApi, NodesStore, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent } from '@proxdeck/dashboard-ui';
import { METRICS_TIMEFRAMES, type MetricsDto, type MetricsTimeframe } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { MetricsChartComponent } from './metrics-chart.component';
import { TimeframePickerComponent } from './timeframe-picker.component';

/** What the charts show: a node by name or an app by id. */
type Target = { kind: 'node'; name: string } | { kind: 'app'; id: string };

/**
 * CPU, memory and network of a node or an app over the last hour, day or week (Proxmox rrddata).
 * The choice lives in the URL (`?node=` or `?app=`, `&timeframe=`) so a chart can be linked.
 */
@Component({
  selector: 'pd-monitoring-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ButtonDirective, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent, MetricsChartComponent, TimeframePickerComponent],
  templateUrl: './monitoring.page.html',
  styleUrl: './monitoring.page.css',
})
export class MonitoringPage {
  private readonly api = inject(MonitoringApi);
  private readonly router = inject(Router);
  protected readonly nodes = inject(NodesStore);
  protected readonly apps = inject(AppsStore);

  readonly node = input<string>();
  readonly app = input<string>();
  readonly timeframe = input<string>();

  protected readonly selectedTimeframe = computed<MetricsTimeframe>(() => {
    const asked = this.timeframe();
    return (METRICS_TIMEFRAMES as readonly string[]).includes(asked ?? '') ? (asked as MetricsTimeframe) : 'hour';
  });

  /** The asked-for target, else the first node once nodes are known. */
  protected readonly target = computed<Target | null>(
    () => {
      const app = this.app();
      if (app) return { kind: 'app', id: app };
      const node = this.node() ?? this.nodes.nodes()[0]?.name;
      return node ? { kind: 'node', name: node } : null;
    },
    // Equal by value, so a reload of the node list does not reload the charts.
    { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );
  protected readonly targetValue = computed(() => {
    const target = this.target();
    if (!target) return '';
    return target.kind === 'node' ? `node:${target.name}` : `app:${target.id}`;
  });
  protected readonly targetLabel = computed(() => {
    const target = this.target();
    if (!target) return '';
    if (target.kind === 'node') return `node ${target.name}`;
    return `app ${this.apps.app(target.id)?.hostname ?? target.id}`;
  });

  protected readonly state = signal<'idle' | 'loading' | 'loaded' | 'error'>('idle');
  protected readonly error = signal('');
  protected readonly metrics = signal<MetricsDto | null>(null);
  private generation = 0;

  constructor() {
    if (this.nodes.loadState() !== 'loaded') void this.nodes.load();
    effect(() => {
      const target = this.target();
      const timeframe = this.selectedTimeframe();
      untracked(() => void this.load(target, timeframe));
    });
  }

  protected reload(): void {
    void this.load(this.target(), this.selectedTimeframe());
  }

  protected choose(value: string): void {
    const [kind, ...rest] = value.split(':');
    const id = rest.join(':');
    const queryParams = kind === 'app' ? { app: id, node: null } : { node: id, app: null };
    void this.router.navigate([], { queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected chooseTimeframe(timeframe: MetricsTimeframe): void {
    void this.router.navigate([], { queryParams: { timeframe }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  private async load(target: Target | null, timeframe: MetricsTimeframe): Promise<void> {
    const generation = ++this.generation;
    if (!target) {
      this.state.set('idle');
      return;
    }
    this.state.set('loading');
    try {
      const request = target.kind === 'node' ? this.api.nodeMetrics(target.name, timeframe) : this.api.appMetrics(target.id, timeframe);
      const metrics = await firstValueFrom(request);
      if (generation !== this.generation) return; // A newer choice is already loading.
      this.metrics.set(metrics);
      this.state.set('loaded');
    } catch (error) {
      if (generation !== this.generation) return;
      this.error.set(problemMessage(toProblem(error)));
      this.state.set('error');
    }
  }
}
