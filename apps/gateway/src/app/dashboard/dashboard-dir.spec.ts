import { isServerPath } from './dashboard-dir';

describe('isServerPath', () => {
  it.each(['/api/v1/apps', '/api', '/apps/kuma/', '/healthz', '/readyz', '/metrics'])('keeps %s away from the SPA fallback', (p) => {
    expect(isServerPath(p)).toBe(true);
  });

  it.each(['/', '/apps', '/apps/0b7c5f1e-8a2d-4c3b-9e1f-2a3b4c5d6e7f', '/apps-overview', '/catalog/uptime-kuma', '/operations'])('lets the SPA answer %s', (p) => {
    expect(isServerPath(p)).toBe(false);
  });
});
