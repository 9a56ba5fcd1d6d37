import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { aLogin, memoryStorage, SessionStore } from '@proxdeck/dashboard-data-access';
import { THEME_STORAGE } from '@proxdeck/dashboard-ui';
import type { Role } from '@proxdeck/shared-contracts';

/** Signs in with a role through the (faked) API, as the settings specs need a session. */
export async function signedInAs(role: Role): Promise<HttpTestingController> {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), { provide: THEME_STORAGE, useValue: memoryStorage() }],
  });
  const backend = TestBed.inject(HttpTestingController);
  const login = TestBed.inject(SessionStore).login('admin', 'pw');
  backend.expectOne('/api/v1/auth/login').flush(aLogin({ role }));
  await login;
  return backend;
}

/** Lets the awaited HTTP answers land, then renders. */
export async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

export function type(root: HTMLElement, selector: string, value: string): void {
  const input = root.querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`no field ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

export function choose(root: HTMLElement, selector: string, value: string): void {
  const select = root.querySelector<HTMLSelectElement>(selector);
  if (!select) throw new Error(`no select ${selector}`);
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

export function button(root: HTMLElement, name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find(
    (b) => b.getAttribute('aria-label') === name || b.textContent?.trim() === name,
  );
  if (!found) throw new Error(`no button "${name}"`);
  return found;
}

export function submit(root: HTMLElement, selector: string): void {
  root.querySelector<HTMLFormElement>(selector)?.dispatchEvent(new Event('submit', { cancelable: true }));
}

export const validationProblem = (errors: Record<string, string>) => ({
  type: 'about:blank',
  title: 'Invalid input',
  status: 400,
  detail: 'Some fields are not valid.',
  code: 'VALIDATION_FAILED',
  errors,
});
