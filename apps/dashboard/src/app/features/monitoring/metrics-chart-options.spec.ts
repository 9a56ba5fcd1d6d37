import type { MetricsPointDto } from '@proxdeck/shared-contracts';
import { metricsChartOption, metricsSummary, type ChartPalette } from './metrics-chart-options';

const MB = 1024 ** 2;
const point = (at: string, overrides: Partial<MetricsPointDto> = {}): MetricsPointDto => ({
  at,
  cpu: 0.1,
  memoryUsed: 200 * MB,
  memoryTotal: 512 * MB,
  netIn: 2048,
  netOut: 1024,
  diskRead: 0,
  diskWrite: 0,
  ...overrides,
});
const dark: ChartPalette = { text: '#e6e9f2', muted: '#a3aabd', border: '#2f3546', surface: '#181c27', series: ['#6f80ff', '#4cc98a'] };
const points = [point('2026-11-24T10:00:00Z', { cpu: 0.5 }), point('2026-11-24T10:01:00Z', { cpu: 0.124, netIn: null })];

describe('metricsChartOption', () => {
  it('plots CPU as a percentage of 100 on a time axis', () => {
    const option = metricsChartOption('cpu', points, dark);
    expect(option.yAxis).toMatchObject({ min: 0, max: 100 });
    expect(option.xAxis).toMatchObject({ type: 'time' });
    expect(option.series).toEqual([expect.objectContaining({ name: 'CPU', data: [['2026-11-24T10:00:00Z', 50], ['2026-11-24T10:01:00Z', 12.4]] })]);
  });

  it('draws memory used against the total, and network in and out, keeping gaps as gaps', () => {
    const memory = metricsChartOption('memory', points, dark);
    expect((memory.series as { name: string }[]).map((s) => s.name)).toEqual(['Used', 'Total']);
    const network = metricsChartOption('network', points, dark);
    expect((network.series as { data: unknown[] }[])[0].data[1]).toEqual(['2026-11-24T10:01:00Z', null]);
  });

  it('takes its colours from the palette, so the dark theme stays readable', () => {
    const option = metricsChartOption('memory', points, dark);
    expect(option.color).toEqual(['#6f80ff', '#4cc98a']);
    expect(option.legend).toMatchObject({ textStyle: { color: '#e6e9f2' } });
    expect(option.tooltip).toMatchObject({ backgroundColor: '#181c27', textStyle: { color: '#e6e9f2' } });
    expect(option.yAxis).toMatchObject({ axisLabel: { color: '#a3aabd' }, splitLine: { lineStyle: { color: '#2f3546' } } });
  });
});

describe('metricsSummary', () => {
  it('says the latest and the peak value in readable units', () => {
    expect(metricsSummary('cpu', points)).toBe('CPU: now 12%, peak 50%');
    expect(metricsSummary('memory', points)).toBe('Used: now 200 MB, peak 200 MB; Total: now 512 MB, peak 512 MB');
    expect(metricsSummary('network', points)).toBe('In: now 2.0 KB/s, peak 2.0 KB/s; Out: now 1.0 KB/s, peak 1.0 KB/s');
    expect(metricsSummary('cpu', [])).toBe('CPU: no data');
  });
});
