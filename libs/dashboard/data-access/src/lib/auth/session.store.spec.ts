import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { aLogin, memoryStorage } from '../testing/fixtures';
import { SESSION_HINT_STORAGE, SessionStore } from './session.store';

describe('SessionStore', () => {
  function setUp(storage = memoryStorage()) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: SESSION_HINT_STORAGE, useValue: storage }],
    });
    return { session: TestBed.inject(SessionStore), backend: TestBed.inject(HttpTestingController), storage };
  }

  it('does not call refresh on a first visit, so no 401 reaches the console', async () => {
    const { session, backend } = setUp();
    await expect(session.restore()).resolves.toBe(false);
    backend.expectNone('/api/v1/auth/refresh');
    expect(session.isAuthenticated()).toBe(false);
  });

  it('restores the session of a reload through the refresh cookie', async () => {
    const { session, backend } = setUp(memoryStorage({ pd_session: '1' }));
    const restored = session.restore();
    backend.expectOne({ method: 'POST', url: '/api/v1/auth/refresh' }).flush(aLogin({ accessToken: 'restored' }));
    await expect(restored).resolves.toBe(true);
    expect(session.user()?.username).toBe('admin');
    expect(session.accessToken()).toBe('restored');
  });

  it('quietly forgets a session whose refresh cookie is gone', async () => {
    const { session, backend, storage } = setUp(memoryStorage({ pd_session: '1' }));
    const restored = session.restore();
    backend.expectOne('/api/v1/auth/refresh').flush(null, { status: 401, statusText: 'Unauthorized' });
    await expect(restored).resolves.toBe(false);
    expect(storage.getItem('pd_session')).toBeNull();
  });

  it('keeps the hint when the gateway is merely unreachable, so the next reload tries again', async () => {
    const { session, backend, storage } = setUp(memoryStorage({ pd_session: '1' }));
    const restored = session.restore();
    backend.expectOne('/api/v1/auth/refresh').error(new ProgressEvent('error'), { status: 0 });
    await expect(restored).resolves.toBe(false);
    expect(session.isAuthenticated()).toBe(false);
    expect(storage.getItem('pd_session')).toBe('1');
  });

  it('remembers a login and forgets it on logout', async () => {
    const { session, backend, storage } = setUp();
    const login = session.login('admin', 'secret');
    const request = backend.expectOne('/api/v1/auth/login');
    expect(request.request.body).toEqual({ username: 'admin', password: 'secret' });
    request.flush(aLogin());
    await login;
    expect(storage.getItem('pd_session')).toBe('1');

    const logout = session.logout();
    backend.expectOne({ method: 'POST', url: '/api/v1/auth/logout' }).flush(null, { status: 204, statusText: 'No Content' });
    await logout;
    expect(session.isAuthenticated()).toBe(false);
    expect(storage.getItem('pd_session')).toBeNull();
  });

  it('refreshes the access token shortly before it expires', async () => {
    jest.useFakeTimers();
    try {
      const { session, backend } = setUp();
      const login = session.login('admin', 'secret');
      backend.expectOne('/api/v1/auth/login').flush(aLogin({ accessToken: 'first', expiresIn: 900 }));
      await login;
      jest.advanceTimersByTime(839_000);
      backend.expectNone('/api/v1/auth/refresh');
      jest.advanceTimersByTime(1_000);
      backend.expectOne('/api/v1/auth/refresh').flush(aLogin({ accessToken: 'second', expiresIn: 900 }));
      expect(session.accessToken()).toBe('second');
      session.clear();
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('SessionStore mode', () => {
  it('saves the AUTO/PRO preference on the server and shows it at once', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: SESSION_HINT_STORAGE, useValue: memoryStorage() }],
    });
    const session = TestBed.inject(SessionStore);
    const backend = TestBed.inject(HttpTestingController);
    const login = session.login('admin', 'secret');
    backend.expectOne('/api/v1/auth/login').flush(aLogin());
    await login;
    expect(session.mode()).toBe('auto');

    const saved = session.setMode('pro');
    const request = backend.expectOne({ method: 'PATCH', url: '/api/v1/auth/me' });
    expect(request.request.body).toEqual({ mode: 'pro' });
    request.flush({ ...aLogin().user, mode: 'pro' });
    await saved;
    expect(session.mode()).toBe('pro');
  });
});
