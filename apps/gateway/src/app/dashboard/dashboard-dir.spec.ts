import { isServerPath } from './dashboard-dir';

describe('isServerPath', () => {
  it.each(['/api/v1/apps', '/api', '/apps/kuma/', '/healthz', '/readyz', '/metrics'])('keeps %s away from the SPA fallback', (p) => {
    expect(isServerPath(p)).toBe(true);
  });

  it.each(['/', '/apps-overview', '/catalog/uptime-kuma', '/operations'])('lets the SPA answer %s', (p) => {
    expect(isServerPath(p)).toBe(false);
  });
});
