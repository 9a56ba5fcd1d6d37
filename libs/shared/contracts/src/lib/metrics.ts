export const METRICS_TIMEFRAMES = ['hour', 'day', 'week'] as const;
export type MetricsTimeframe = (typeof METRICS_TIMEFRAMES)[number];

/** One sample of Proxmox's rrddata, in plain units (fractions of a core count, bytes, bytes/s). */
export interface MetricsPointDto {
  /** ISO time of the sample. */
  at: string;
  /** CPU use as a fraction of the whole guest or node (0-1). */
  cpu: number | null;
  memoryUsed: number | null;
  memoryTotal: number | null;
  netIn: number | null;
  netOut: number | null;
  diskRead: number | null;
  diskWrite: number | null;
}

/** `GET /apps/:id/metrics?timeframe=` and `GET /nodes/:name/metrics?timeframe=`. */
export interface MetricsDto {
  timeframe: MetricsTimeframe;
  points: MetricsPointDto[];
}
