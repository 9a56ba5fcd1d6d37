import { toMetricsDto } from './metrics-series';

describe('toMetricsDto', () => {
  it('orders samples by time, converts epoch seconds to ISO and keeps gaps as null', () => {
    const dto = toMetricsDto('hour', [
      { time: 1_764_000_060, cpu: 0.5, mem: 200, maxmem: 512 },
      { time: 1_764_000_000, netin: 10, netout: 20, diskread: 1, diskwrite: 2 },
    ]);
    expect(dto.timeframe).toBe('hour');
    expect(dto.points.map((p) => p.at)).toEqual(['2025-11-24T16:00:00.000Z', '2025-11-24T16:01:00.000Z']);
    expect(dto.points[0]).toMatchObject({ cpu: null, memoryUsed: null, netIn: 10, netOut: 20, diskRead: 1, diskWrite: 2 });
    expect(dto.points[1]).toMatchObject({ cpu: 0.5, memoryUsed: 200, memoryTotal: 512, netIn: null });
  });

  it("reads a node's memory from memused/memtotal", () => {
    const [point] = toMetricsDto('day', [{ time: 1_764_000_000, memused: 3, memtotal: 8 }]).points;
    expect(point).toMatchObject({ memoryUsed: 3, memoryTotal: 8 });
  });
});
