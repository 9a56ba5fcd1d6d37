import { formatAge, formatBytes } from './format';

describe('formatBytes', () => {
  it('picks the unit people expect', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(4.25 * 1024 * 1024)).toBe('4.3 MB');
    expect(formatBytes(37 * 1024 ** 3)).toBe('37 GB');
  });

  it('shows a dash for nonsense', () => {
    expect(formatBytes(-1)).toBe('—');
  });
});

describe('formatAge', () => {
  const now = new Date('2026-11-24T12:00:00.000Z');

  it('reads like a sentence', () => {
    expect(formatAge('2026-11-24T11:59:50.000Z', now)).toBe('just now');
    expect(formatAge('2026-11-24T11:55:00.000Z', now)).toBe('5 minutes ago');
    expect(formatAge('2026-11-24T11:00:00.000Z', now)).toBe('1 hour ago');
    expect(formatAge('2026-11-21T12:00:00.000Z', now)).toBe('3 days ago');
  });
});
