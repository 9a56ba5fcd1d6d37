import { formatPercent, formatUptime } from './format';

describe('formatUptime', () => {
  it('keeps the two largest units', () => {
    expect(formatUptime(45)).toBe('45 s');
    expect(formatUptime(12 * 60 + 5)).toBe('12 min');
    expect(formatUptime(5 * 3600 + 20 * 60)).toBe('5 h 20 min');
    expect(formatUptime(3 * 86_400 + 4 * 3600 + 59)).toBe('3 d 4 h');
  });

  it('shows a dash for nonsense', () => {
    expect(formatUptime(-1)).toBe('—');
    expect(formatUptime(Number.NaN)).toBe('—');
  });
});

describe('formatPercent', () => {
  it('rounds a share to a whole percentage, unknown as a dash', () => {
    expect(formatPercent(0.374)).toBe('37%');
    expect(formatPercent(null)).toBe('—');
  });
});
