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

  beforeEach(async () => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CatalogPage);
    root = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => {
    backend.verify();
    jest.useRealTimers();
  });

  async function searchSettles(): Promise<void> {
    await jest.advanceTimersByTimeAsync(250);
    fixture.detectChanges();
  }

  it('shows a card per entry with a named Deploy button', async () => {
    await searchSettles();
    backend.expectOne('/api/v1/catalog').flush({ items: [aCatalogItem(), aCatalogItem({ id: 'whoami', name: 'whoami' })], nextCursor: null });
    fixture.detectChanges();
    const buttons = [...root.querySelectorAll('button[aria-label^="Deploy"]')].map((b) => b.getAttribute('aria-label'));
    expect(buttons).toEqual(['Deploy nginx', 'Deploy whoami']);
    expect(root.querySelector('label[for="catalog-search"]')?.textContent).toBe('Search catalog');
  });

  it('searches once the typing pauses', async () => {
    await searchSettles();
    backend.expectOne('/api/v1/catalog').flush({ items: [], nextCursor: null });
    const search = root.querySelector<HTMLInputElement>('#catalog-search') as HTMLInputElement;
    for (const text of ['n', 'ng', 'ngi']) {
      search.value = text;
      search.dispatchEvent(new Event('input'));
      fixture.detectChanges();
      await jest.advanceTimersByTimeAsync(50);
    }
    await searchSettles();
    backend.expectOne('/api/v1/catalog?q=ngi').flush({ items: [aCatalogItem()], nextCursor: null });
    fixture.detectChanges();
    expect(root.textContent).toContain('1 app');
  });

  it('says which entries come from a user catalog, and where', async () => {
    await searchSettles();
    backend.expectOne('/api/v1/catalog').flush({
      items: [aCatalogItem({ source: 'bundled' }), aCatalogItem({ id: 'mine', name: 'mine', source: 'user', sourceDir: '/srv/proxdeck/catalog' })],
      nextCursor: null,
    });
    fixture.detectChanges();
    const sources = [...root.querySelectorAll('.card')].map((card) => card.querySelector('.card__source')?.textContent?.trim() ?? null);
    expect(sources).toEqual([null, 'From your catalog: /srv/proxdeck/catalog']);
  });
});
