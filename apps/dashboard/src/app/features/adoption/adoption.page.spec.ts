import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { SESSION_HINT_STORAGE, SessionStore, aLogin, anAdoptionCandidate, anApp, anOperation, memoryStorage } from '@proxdeck/dashboard-data-access';
import { AdoptionPage } from './adoption.page';

describe('AdoptionPage', () => {
  let fixture: ComponentFixture<AdoptionPage>;
  let root: HTMLElement;
  let backend: HttpTestingController;

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), { provide: SESSION_HINT_STORAGE, useValue: memoryStorage() }],
    });
    backend = TestBed.inject(HttpTestingController);
    const login = TestBed.inject(SessionStore).login('admin', 'secret');
    backend.expectOne('/api/v1/auth/login').flush(aLogin({ role: 'operator' }));
    await login;
    fixture = TestBed.createComponent(AdoptionPage);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  function button(name: string): HTMLButtonElement {
    const found = [...root.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name);
    if (!found) throw new Error(`no button ${name}`);
    return found;
  }

  it('adopts a container as a custom app with its web port, then opens the new app', async () => {
    backend.expectOne('/api/v1/adoption/candidates').flush([anAdoptionCandidate()]);
    backend.expectOne('/api/v1/adoption/orphans').flush([]);
    await settle();
    expect(root.textContent).not.toContain('Containers left by deleted apps');
    expect(root.querySelector('tbody')?.textContent).toContain('legacy-wiki');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);

    button('Adopt legacy-wiki').click();
    await fixture.whenStable();
    backend.expectOne('/api/v1/catalog').flush({ items: [], nextCursor: null });
    const port = root.querySelector('#adopt-port') as HTMLInputElement;
    port.value = '8080';
    port.dispatchEvent(new Event('input'));
    button('Adopt').click();
    const request = backend.expectOne({ method: 'POST', url: '/api/v1/adoption' });
    expect(request.request.body).toEqual({ node: 'pve2', vmid: 200, hostname: 'legacy-wiki', port: 8080 });
    request.flush({ app: anApp({ id: 'app-9', hostname: 'legacy-wiki' }), operation: anOperation({ id: 'op-9', type: 'adopt', appId: 'app-9', state: 'queued' }) });
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/apps', 'app-9']);
  });

  it('says when there is nothing to adopt', async () => {
    backend.expectOne('/api/v1/adoption/candidates').flush([]);
    backend.expectOne('/api/v1/adoption/orphans').flush([]);
    await settle();
    expect(root.textContent).toContain('Nothing to adopt');
  });

  it('lists containers left by deleted apps and adopts one of them again', async () => {
    backend.expectOne('/api/v1/adoption/candidates').flush([]);
    backend.expectOne('/api/v1/adoption/orphans').flush([{ node: 'pve1', vmid: 105, name: 'old-blog', status: 'stopped', appId: 'gone-1' }]);
    await settle();
    const section = root.querySelector('section[aria-labelledby="orphans-heading"]');
    expect(section?.querySelector('h2')?.textContent).toBe('Containers left by deleted apps');
    expect(section?.querySelector('tbody')?.textContent).toContain('gone-1');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);

    button('Adopt old-blog').click();
    await fixture.whenStable();
    backend.expectOne('/api/v1/catalog').flush({ items: [], nextCursor: null });
    button('Adopt').click();
    const request = backend.expectOne({ method: 'POST', url: '/api/v1/adoption' });
    expect(request.request.body).toEqual({ node: 'pve1', vmid: 105, hostname: 'old-blog', port: 80 });
    request.flush({ app: anApp({ id: 'app-5', hostname: 'old-blog' }), operation: anOperation({ id: 'op-5', type: 'adopt', appId: 'app-5', state: 'queued' }) });
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/apps', 'app-5']);
  });

  it('shows the error when the cluster cannot be read, and nothing else', async () => {
    backend.expectOne('/api/v1/adoption/candidates').flush([]);
    backend.expectOne('/api/v1/adoption/orphans').flush({ title: 'Proxmox unreachable', status: 502, detail: 'Proxmox VE did not answer.' }, { status: 502, statusText: 'Bad Gateway' });
    await settle();
    expect(root.textContent).toContain('Candidates could not be loaded');
  });
});
