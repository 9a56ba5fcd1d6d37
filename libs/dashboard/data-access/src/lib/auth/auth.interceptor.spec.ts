import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { aLogin, memoryStorage } from '../testing/fixtures';
import { authInterceptor } from './auth.interceptor';
import { SESSION_HINT_STORAGE, SessionStore } from './session.store';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let session: SessionStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: SESSION_HINT_STORAGE, useValue: memoryStorage() },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    session = TestBed.inject(SessionStore);
  });

  afterEach(() => backend.verify());

  async function signIn(token = 'token-1'): Promise<void> {
    const login = session.login('admin', 'secret');
    backend.expectOne('/api/v1/auth/login').flush(aLogin({ accessToken: token }));
    await login;
  }

  it('sends the in-memory access token as a bearer header on API calls', async () => {
    await signIn('token-1');
    const apps = firstValueFrom(http.get('/api/v1/apps'));
    const request = backend.expectOne('/api/v1/apps');
    expect(request.request.headers.get('Authorization')).toBe('Bearer token-1');
    request.flush({ items: [], nextCursor: null });
    await expect(apps).resolves.toEqual({ items: [], nextCursor: null });
  });

  it('leaves requests outside the API alone', async () => {
    await signIn();
    const icon = firstValueFrom(http.get('/assets/logo.svg', { responseType: 'text' }));
    const request = backend.expectOne('/assets/logo.svg');
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush('<svg/>');
    await icon;
  });

  it('answers a 401 with one refresh and retries the call with the new token', async () => {
    await signIn('stale');
    const apps = firstValueFrom(http.get('/api/v1/apps'));
    backend.expectOne('/api/v1/apps').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/v1/auth/refresh').flush(aLogin({ accessToken: 'fresh' }));
    const retry = backend.expectOne('/api/v1/apps');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer fresh');
    retry.flush({ items: [], nextCursor: null });
    await expect(apps).resolves.toEqual({ items: [], nextCursor: null });
    expect(session.accessToken()).toBe('fresh');
  });

  it('shares one refresh between calls that fail together', async () => {
    await signIn('stale');
    const first = firstValueFrom(http.get('/api/v1/apps'));
    const second = firstValueFrom(http.get('/api/v1/catalog'));
    backend.expectOne('/api/v1/apps').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/v1/catalog').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/v1/auth/refresh').flush(aLogin({ accessToken: 'fresh' }));
    backend.expectOne('/api/v1/apps').flush({ items: [] });
    backend.expectOne('/api/v1/catalog').flush({ items: [] });
    await expect(Promise.all([first, second])).resolves.toEqual([{ items: [] }, { items: [] }]);
  });

  it('ends the session and goes to /login when the refresh is refused', async () => {
    await signIn('stale');
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    const apps = firstValueFrom(http.get('/api/v1/apps'));
    backend.expectOne('/api/v1/apps').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/v1/auth/refresh').flush(null, { status: 401, statusText: 'Unauthorized' });
    await expect(apps).rejects.toMatchObject({ status: 401 });
    expect(session.isAuthenticated()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/login'], expect.anything());
  });

  it('does not refresh when the login itself is refused', async () => {
    const login = session.login('admin', 'wrong');
    backend.expectOne('/api/v1/auth/login').flush({ title: 'Invalid credentials', code: 'INVALID_CREDENTIALS' }, { status: 401, statusText: 'Unauthorized' });
    await expect(login).rejects.toMatchObject({ status: 401 });
    backend.expectNone('/api/v1/auth/refresh');
  });

  it('passes other errors through untouched', async () => {
    await signIn();
    const app = firstValueFrom(http.get('/api/v1/apps/nope'));
    backend.expectOne('/api/v1/apps/nope').flush({ title: 'Not found' }, { status: 404, statusText: 'Not Found' });
    await expect(app).rejects.toMatchObject({ status: 404 });
    backend.expectNone('/api/v1/auth/refresh');
  });
});
