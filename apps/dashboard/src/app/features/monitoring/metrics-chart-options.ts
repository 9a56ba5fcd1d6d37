import type { MetricsPointDto } from '@proxdeck/shared-contracts';
import { formatBytes } from '@proxdeck/dashboard-ui';
import type { MetricsChartOption } from './echarts-setup';

export type MetricsChartKind = 'cpu' | 'memory' | 'network';

/** Colours read from the theme's CSS variables, so charts follow light and dark. */
export interface ChartPalette {
  text: string;
  muted: string;
  border: string;
  surface: string;
  series: readonly string[];
}

interface SeriesSpec {
  name: string;
  value: (point: MetricsPointDto) => number | null;
  dashed?: boolean;
}

const SERIES: Record<MetricsChartKind, readonly SeriesSpec[]> = {
  cpu: [{ name: 'CPU', value: (p) => (p.cpu === null ? null : Math.round(p.cpu * 1000) / 10) }],
  memory: [
    { name: 'Used', value: (p) => p.memoryUsed },
    { name: 'Total', value: (p) => p.memoryTotal, dashed: true },
  ],
  network: [
    { name: 'In', value: (p) => p.netIn },
    { name: 'Out', value: (p) => p.netOut },
  ],
};

export function formatMetric(kind: MetricsChartKind, value: number): string {
  if (kind === 'cpu') return `${Math.round(value)}%`;
  return kind === 'network' ? `${formatBytes(value)}/s` : formatBytes(value);
}

/** One line a screen reader (and anyone) can take in: the latest and highest value of each series. */
export function metricsSummary(kind: MetricsChartKind, points: readonly MetricsPointDto[]): string {
  const parts = SERIES[kind].map((spec) => {
    const values = points.map(spec.value).filter((v): v is number => v !== null && Number.isFinite(v));
    if (values.length === 0) return `${spec.name}: no data`;
    const latest = values[values.length - 1];
    const peak = Math.max(...values);
    return `${spec.name}: now ${formatMetric(kind, latest)}, peak ${formatMetric(kind, peak)}`;
  });
  return parts.join('; ');
}

/** The ECharts option of one chart: a time axis, one line a series, labels in readable units. Pure. */
export function metricsChartOption(kind: MetricsChartKind, points: readonly MetricsPointDto[], palette: ChartPalette): MetricsChartOption {
  const specs = SERIES[kind];
  const axisLabel = { color: palette.muted, fontSize: 11 };
  return {
    animation: false,
    color: [...palette.series],
    textStyle: { color: palette.text },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, right: 0, textStyle: { color: palette.text }, inactiveColor: palette.border },
    tooltip: {
      trigger: 'axis',
      backgroundColor: palette.surface,
      borderColor: palette.border,
      textStyle: { color: palette.text },
      valueFormatter: (value) => (typeof value === 'number' ? formatMetric(kind, value) : '—'),
    },
    xAxis: {
      type: 'time',
      axisLabel,
      axisLine: { lineStyle: { color: palette.border } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: 0,
      ...(kind === 'cpu' ? { max: 100 } : {}),
      axisLabel: { ...axisLabel, formatter: (value: number) => formatMetric(kind, value) },
      splitLine: { lineStyle: { color: palette.border } },
    },
    series: specs.map((spec) => ({
      type: 'line' as const,
      name: spec.name,
      showSymbol: false,
      connectNulls: false,
      lineStyle: { width: 2, ...(spec.dashed ? { type: 'dashed' as const } : {}) },
      ...(kind === 'cpu' ? { areaStyle: { opacity: 0.15 } } : {}),
      data: points.map((point) => [point.at, spec.value(point)]),
    })),
  };
}
