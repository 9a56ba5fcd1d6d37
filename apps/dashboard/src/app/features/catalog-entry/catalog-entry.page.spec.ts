import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import { CatalogStore } from '@proxdeck/dashboard-data-access';
import { of } from 'rxjs';
import { aCatalogItem } from '../catalog/catalog-item.fixture';
import { CatalogEntryPage } from './catalog-entry.page';

describe('CatalogEntryPage', () => {
  let fixture: ComponentFixture<CatalogEntryPage>;
  let root: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: ActivatedRoute, useValue: { paramMap: of(convertToParamMap({ id: 'my-web' })) } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  function render(): void {
    fixture = TestBed.createComponent(CatalogEntryPage);
    root = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  }

  function section(name: string): HTMLElement {
    const heading = [...root.querySelectorAll('h2')].find((h) => h.textContent?.trim() === name);
    return heading?.closest('section') as HTMLElement;
  }

  it('shows ports, resources, volumes, the deploy plan and where the entry comes from', () => {
    render();
    backend.expectOne('/api/v1/catalog/my-web').flush(aCatalogItem({
      id: 'my-web', name: 'My web', source: 'user', sourceDir: '/srv/catalog',
      volumes: [{ name: 'data', path: '/usr/share/nginx/html', sizeGb: 2 }],
    }));
    fixture.detectChanges();
    expect(root.querySelector('h1')?.textContent).toBe('My web');
    expect(root.textContent).toContain('From your catalog: /srv/catalog');
    expect(section('Ports').textContent).toContain('80');
    expect(section('Resources').textContent).toContain('256 MB');
    expect(section('Volumes').textContent).toContain('/usr/share/nginx/html');
    const plan = [...section('What will be created').querySelectorAll('li strong')].map((s) => s.textContent);
    expect(plan).toEqual(['Image docker.io/library/nginx:1.27', 'An unprivileged LXC container', 'Root disk, 2 GB', 'Volume "data", 2 GB']);
    expect(root.querySelector('button[aria-label="Deploy My web"]')).not.toBeNull();
  });

  it('shows an entry the catalog store holds without reading it again', async () => {
    const catalog = TestBed.inject(CatalogStore);
    const loaded = catalog.load();
    backend.expectOne('/api/v1/catalog').flush({ items: [aCatalogItem({ id: 'my-web', name: 'My web' })], nextCursor: null });
    await loaded;
    render();
    backend.expectNone('/api/v1/catalog/my-web');
    expect(root.querySelector('h1')?.textContent).toBe('My web');
  });

  it('says so when the entry cannot be loaded', () => {
    render();
    backend.expectOne('/api/v1/catalog/my-web').flush({ title: 'Not found', detail: 'The catalog has no entry "my-web".', status: 404 }, { status: 404, statusText: 'Not Found' });
    fixture.detectChanges();
    expect(root.textContent).toContain('This catalog entry could not be loaded');
  });
});
