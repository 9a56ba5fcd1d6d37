import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { aCatalogItem } from './catalog-item.fixture';
import { CatalogPage } from './catalog.page';

describe('CatalogPage', () => {
  let fixture: ComponentFixture<CatalogPage>;
  let root: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    visit();
  });

  afterEach(() => {
    backend.verify();
    jest.useRealTimers();
  });

  function visit(): void {
    fixture = TestBed.createComponent(CatalogPage);
    root = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  }

  async function catalogArrives(items = [aCatalogItem(), aCatalogItem({ id: 'whoami', name: 'whoami', category: 'development', description: 'Echoes requests' })]) {
    backend.expectOne('/api/v1/catalog').flush({ items, nextCursor: null });
    await jest.advanceTimersByTimeAsync(0);
    fixture.detectChanges();
  }

  const names = () => [...root.querySelectorAll('.card__name')].map((name) => name.textContent?.trim());

  function type(text: string): void {
    const search = root.querySelector<HTMLInputElement>('#catalog-search') as HTMLInputElement;
    search.value = text;
    search.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  }

  it('shows a card per entry with a named Deploy button and a lazily loaded, fixed-size icon', async () => {
    expect(root.textContent).toContain('Loading the catalog');
    await catalogArrives();
    const buttons = [...root.querySelectorAll('button[aria-label^="Deploy"]')].map((b) => b.getAttribute('aria-label'));
    expect(buttons).toEqual(['Deploy nginx', 'Deploy whoami']);
    expect(root.querySelector('label[for="catalog-search"]')?.textContent).toBe('Search catalog');
    const icon = root.querySelector('.card__icon');
    expect([icon?.getAttribute('loading'), icon?.getAttribute('width'), icon?.getAttribute('height')]).toEqual(['lazy', '44', '44']);
  });

  it('reads the catalog once: the next visit renders it at once, without a request', async () => {
    await catalogArrives();
    fixture.destroy();

    visit();
    expect(root.textContent).not.toContain('Loading the catalog');
    expect(names()).toEqual(['nginx', 'whoami']);
    expect(root.querySelector('.count')?.textContent).toContain('2 apps');
    backend.expectNone('/api/v1/catalog');
  });

  it('filters on the client once the typing pauses', async () => {
    await catalogArrives();
    for (const text of ['w', 'wh', 'who']) {
      type(text);
      await jest.advanceTimersByTimeAsync(50);
      fixture.detectChanges();
      expect(names()).toEqual(['nginx', 'whoami']);
    }
    await jest.advanceTimersByTimeAsync(200);
    fixture.detectChanges();
    expect(names()).toEqual(['whoami']);
    expect(root.querySelector('.count')?.textContent).toContain('1 app');

    type('no such app');
    await jest.advanceTimersByTimeAsync(200);
    fixture.detectChanges();
    expect(root.textContent).toContain('No apps match');
  });

  it('filters by category at once', async () => {
    await catalogArrives();
    const select = root.querySelector<HTMLSelectElement>('#catalog-category') as HTMLSelectElement;
    select.value = 'development';
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    expect(names()).toEqual(['whoami']);
  });

  it('says which entries come from a user catalog, and where', async () => {
    await catalogArrives([aCatalogItem({ source: 'bundled' }), aCatalogItem({ id: 'mine', name: 'mine', source: 'user', sourceDir: '/srv/proxdeck/catalog' })]);
    const sources = [...root.querySelectorAll('.card')].map((card) => card.querySelector('.card__source')?.textContent?.trim() ?? null);
    expect(sources).toEqual(['From your catalog: /srv/proxdeck/catalog', null]);
  });

  it('offers to try again when the catalog cannot be read, and reads it on request only', async () => {
    backend.expectOne('/api/v1/catalog').flush({ title: 'Internal error', status: 500, detail: '' }, { status: 500, statusText: 'Error' });
    await jest.advanceTimersByTimeAsync(0);
    fixture.detectChanges();
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('The catalog could not be loaded');
    root.querySelector<HTMLButtonElement>('[role="alert"] button')?.click();
    fixture.detectChanges();
    expect(root.textContent).toContain('Loading the catalog');
    await catalogArrives();
    expect(names()).toEqual(['nginx', 'whoami']);
  });
});
