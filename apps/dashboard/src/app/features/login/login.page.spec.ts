import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { aLogin, SESSION_HINT_STORAGE } from '@proxdeck/dashboard-data-access';
import { LoginPage } from './login.page';

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let root: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SESSION_HINT_STORAGE, useValue: { getItem: () => null, setItem: () => undefined, removeItem: () => undefined } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LoginPage);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  async function signIn(username: string, password: string): Promise<void> {
    for (const [id, value] of [['login-username', username], ['login-password', password]]) {
      const input = root.querySelector<HTMLInputElement>(`#${id}`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    root.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
  }

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  it('labels its fields and its button', () => {
    expect(root.querySelector('label[for="login-username"]')?.textContent).toBe('Username');
    expect(root.querySelector('label[for="login-password"]')?.textContent).toBe('Password');
    expect(root.querySelector('button[type="submit"]')?.textContent?.trim()).toBe('Sign in');
  });

  it('says so when the credentials are wrong', async () => {
    await signIn('admin', 'nope');
    backend.expectOne('/api/v1/auth/login').flush(
      { type: 'about:blank', title: 'Invalid credentials', status: 401, detail: '', code: 'INVALID_CREDENTIALS' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await settle();
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('Wrong username or password.');
  });

  it('goes back where the user wanted to go', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fixture.componentRef.setInput('returnUrl', '/apps/app-1');
    await signIn('admin', 'secret');
    backend.expectOne('/api/v1/auth/login').flush(aLogin({ role: 'admin' }));
    await settle();
    expect(navigate).toHaveBeenCalledWith('/apps/app-1');
  });

  it('never follows a return URL off the site', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fixture.componentRef.setInput('returnUrl', '//evil.example/');
    await signIn('admin', 'secret');
    backend.expectOne('/api/v1/auth/login').flush(aLogin({ role: 'admin' }));
    await settle();
    expect(navigate).toHaveBeenCalledWith('/');
  });
});
