import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { AppsStore, aBackup, anApp, anOperation } from '@proxdeck/dashboard-data-access';
import type { BackupDto } from '@proxdeck/shared-contracts';
import { RestoreDialogComponent } from './restore-dialog.component';

describe('RestoreDialogComponent', () => {
  let fixture: ComponentFixture<RestoreDialogComponent>;
  let root: HTMLElement;
  let backend: HttpTestingController;

  async function render(backup: BackupDto, appExists: boolean): Promise<void> {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    if (appExists) TestBed.inject(AppsStore).upsert(anApp());
    fixture = TestBed.createComponent(RestoreDialogComponent);
    fixture.componentRef.setInput('backup', backup);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  function restoreButton(): HTMLButtonElement {
    return [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Restore') as HTMLButtonElement;
  }

  function check(input: HTMLInputElement): void {
    input.click();
  }

  afterEach(() => backend.verify());

  it('restores in place only after the overwrite is confirmed, sending overwrite: true', async () => {
    await render(aBackup(), true);
    check(root.querySelector<HTMLInputElement>('input[value="in-place"]') as HTMLInputElement);
    await fixture.whenStable();
    expect(restoreButton().disabled).toBe(true);
    check(root.querySelector<HTMLInputElement>('input[type="checkbox"]') as HTMLInputElement);
    await fixture.whenStable();
    expect(restoreButton().disabled).toBe(false);
    restoreButton().click();
    const request = backend.expectOne({ method: 'POST', url: '/api/v1/backups/backup-1/restore' });
    expect(request.request.body).toEqual({ target: 'in-place', overwrite: true });
    request.flush({ app: anApp(), operation: anOperation({ type: 'restore', state: 'queued' }) });
  });

  it('offers only a new app once the backed-up app is gone, suggesting its old hostname', async () => {
    await render(aBackup({ appId: null }), false);
    expect(root.querySelector('input[value="in-place"]')).toBeNull();
    expect(root.textContent).toContain('web-1 no longer exists');
    expect((root.querySelector('#restore-hostname') as HTMLInputElement).value).toBe('web-1');
    restoreButton().click();
    const request = backend.expectOne({ method: 'POST', url: '/api/v1/backups/backup-1/restore' });
    expect(request.request.body).toEqual({ target: 'new', hostname: 'web-1' });
    request.flush({ app: anApp({ id: 'app-2' }), operation: anOperation({ type: 'restore', state: 'queued' }) });
  });

  it('puts a taken hostname next to its field', async () => {
    await render(aBackup(), true);
    const hostname = root.querySelector('#restore-hostname') as HTMLInputElement;
    hostname.value = 'web-1';
    hostname.dispatchEvent(new Event('input'));
    restoreButton().click();
    await fixture.whenStable();
    expect(root.querySelector('#restore-hostname-error')?.textContent).toContain('already in use');
  });
});
