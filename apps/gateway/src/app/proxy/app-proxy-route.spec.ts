import { matchAppProxyRoute } from './app-proxy-route';

describe('matchAppProxyRoute', () => {
  it('strips the /apps/<hostname> prefix and keeps the query', () => {
    expect(matchAppProxyRoute('/apps/kuma/dashboard/1?x=2', 'proxdeck.lan', undefined)).toEqual({ hostname: 'kuma', path: '/dashboard/1?x=2', needsSlash: false, prefix: '/apps/kuma/' });
    expect(matchAppProxyRoute('/apps/kuma/', undefined, undefined)).toEqual({ hostname: 'kuma', path: '/', needsSlash: false, prefix: '/apps/kuma/' });
  });

  it('keeps a malformed escape as written instead of throwing (it names no app)', () => {
    expect(matchAppProxyRoute('/apps/%ZZ/', undefined, undefined)).toEqual({ hostname: '%ZZ', path: '/', needsSlash: false, prefix: '/apps/%ZZ/' });
  });

  it('asks for a trailing slash on the bare app path', () => {
    expect(matchAppProxyRoute('/apps/kuma', undefined, undefined)).toMatchObject({ hostname: 'kuma', needsSlash: true });
  });

  it('ignores the API and the dashboard', () => {
    expect(matchAppProxyRoute('/api/v1/apps/kuma', undefined, undefined)).toBeNull();
    expect(matchAppProxyRoute('/apps', undefined, undefined)).toBeNull();
    // the console's app page: app ids are UUIDs, which no hostname may be
    expect(matchAppProxyRoute('/apps/0b7c5f1e-8a2d-4c3b-9e1f-2a3b4c5d6e7f', undefined, undefined)).toBeNull();
    expect(matchAppProxyRoute('/', undefined, undefined)).toBeNull();
  });

  it('routes <hostname>.<apps domain> hosts whole, only when a domain is set', () => {
    expect(matchAppProxyRoute('/login?next=/', 'kuma.apps.example.com:8443', 'apps.example.com')).toEqual({ hostname: 'kuma', path: '/login?next=/', needsSlash: false, prefix: null });
    expect(matchAppProxyRoute('/login', 'kuma.apps.example.com', undefined)).toBeNull();
    expect(matchAppProxyRoute('/x', 'apps.example.com', 'apps.example.com')).toBeNull();
    expect(matchAppProxyRoute('/x', 'a.b.apps.example.com', 'apps.example.com')).toBeNull();
  });
});
