import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { ThemePreference } from '@proxdeck/dashboard-ui';
import type { MetricsPointDto } from '@proxdeck/shared-contracts';
import { NgxEchartsDirective, provideEchartsCore } from 'ngx-echarts';
import { metricsChartOption, metricsSummary, type ChartPalette, type MetricsChartKind } from './metrics-chart-options';

/**
 * One line chart of a metric. The canvas is an image to assistive tech, named by the chart's
 * title and described by the same summary sighted people read below it.
 */
@Component({
  selector: 'pd-metrics-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgxEchartsDirective],
  // Loaded when the first chart draws: the Monitoring view renders at once, ECharts follows in its own chunk.
  providers: [provideEchartsCore({ echarts: () => import('./echarts-setup').then((m) => m.echarts) })],
  template: `
    <figure class="pd-card chart-card">
      <figcaption class="chart-title">{{ heading() }}</figcaption>
      <div echarts class="chart" role="img" [attr.aria-label]="heading() + '. ' + summary()" [options]="options()"></div>
      <p class="summary">{{ summary() }}</p>
    </figure>
  `,
  styles: `
    .chart-card { margin: 0; padding: 16px; min-width: 0; }
    .chart-title { font-weight: 600; margin-bottom: 4px; }
    .chart { height: 240px; width: 100%; }
    .summary { margin: 8px 0 0; font-size: 13px; color: var(--pd-text-muted); }
  `,
})
export class MetricsChartComponent {
  readonly kind = input.required<MetricsChartKind>();
  readonly heading = input.required<string>();
  readonly points = input.required<readonly MetricsPointDto[]>();

  private readonly theme = inject(ThemePreference);
  private readonly root = inject(DOCUMENT).documentElement;

  private readonly palette = computed<ChartPalette>(() => {
    this.theme.effective(); // Re-read the variables whenever the theme on screen changes.
    const style = getComputedStyle(this.root);
    const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    return {
      text: read('--pd-text', '#1b2030'),
      muted: read('--pd-text-muted', '#545b70'),
      border: read('--pd-border', '#d9dde7'),
      surface: read('--pd-surface', '#ffffff'),
      series: [read('--pd-primary', '#3b4fd8'), read('--pd-success', '#177245'), read('--pd-warning', '#8a5300'), read('--pd-info', '#1f5fa8')],
    };
  });

  protected readonly options = computed(() => metricsChartOption(this.kind(), this.points(), this.palette()));
  protected readonly summary = computed(() => metricsSummary(this.kind(), this.points()));
}
