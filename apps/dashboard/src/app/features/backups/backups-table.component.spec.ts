import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { BackupsStore, aBackup } from '@proxdeck/dashboard-data-access';
import type { BackupDto } from '@proxdeck/shared-contracts';
import { BackupsTableComponent } from './backups-table.component';

function backups(count: number): BackupDto[] {
  return Array.from({ length: count }, (_, i) => aBackup({ id: `b-${i}`, notes: `note ${i}` }));
}

describe('BackupsTableComponent', () => {
  async function render(list: BackupDto[]) {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    const fixture = TestBed.createComponent(BackupsTableComponent);
    fixture.componentRef.setInput('backups', list);
    fixture.componentRef.setInput('caption', 'Backups of web-1');
    fixture.componentRef.setInput('mayOperate', true);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const notes = () => [...root.querySelectorAll('tbody tr .notes')].map((cell) => cell.textContent?.trim());
    const next = () => root.querySelector<HTMLButtonElement>('button[aria-label="Next page"]');
    return { fixture, root, notes, next };
  }

  it('shows 50 rows a page and pages by itself when nobody binds the page (an app\'s tab)', async () => {
    const { fixture, root, notes, next } = await render(backups(60));
    expect(notes()).toHaveLength(50);
    expect(root.querySelector('pd-pager')?.getAttribute('aria-label')).toBe('Pages of backups of web-1');
    expect(root.querySelector('pd-pager [aria-live="polite"]')?.textContent?.trim()).toBe('1–50 of 60');

    next()?.click();
    await fixture.whenStable();
    expect(notes()).toEqual(Array.from({ length: 10 }, (_, i) => `note ${50 + i}`));
    expect(next()?.disabled).toBe(true);
    // Every row keeps its actions, named for screen readers.
    expect(root.querySelector('tbody tr button[aria-label^="Restore backup of web-1"]')).not.toBeNull();
  });

  it('reports a page change to a parent that keeps the page, and shows the last page when the list shrank', async () => {
    const { fixture, notes, next } = await render(backups(120));
    const asked: number[] = [];
    fixture.componentInstance.page.subscribe((page) => asked.push(page));
    next()?.click();
    expect(asked).toEqual([2]);

    fixture.componentRef.setInput('page', 3);
    await fixture.whenStable();
    expect(notes()[0]).toBe('note 100');
    fixture.componentRef.setInput('backups', backups(70));
    await fixture.whenStable();
    expect(notes()[0]).toBe('note 50');
  });

  it('edits a backup\'s notes in a dialog, saves them through PATCH and shows them', async () => {
    const { fixture, root, notes } = await render([aBackup({ id: 'b-1', notes: 'nightly' })]);
    const backend = TestBed.inject(HttpTestingController);
    TestBed.inject(BackupsStore).upsert(aBackup({ id: 'b-1', notes: 'nightly' }));
    root.querySelector<HTMLButtonElement>('tbody tr button[aria-label^="Edit notes of backup of web-1"]')?.click();
    await fixture.whenStable();
    const field = root.querySelector<HTMLTextAreaElement>('#backup-notes-edit');
    if (!field) throw new Error('no notes field');
    expect(field.value).toBe('nightly');

    field.value = 'x'.repeat(1025);
    field.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(root.querySelector('#backup-notes-edit-error')?.textContent).toContain('at most 1024 characters');
    root.querySelector<HTMLButtonElement>('pd-notes-dialog button[type="submit"]')?.click();
    backend.expectNone({ method: 'PATCH' });

    field.value = '  before the upgrade to 2.0  ';
    field.dispatchEvent(new Event('input'));
    root.querySelector<HTMLButtonElement>('pd-notes-dialog button[type="submit"]')?.click();
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/v1/backups/b-1' });
    expect(patch.request.body).toEqual({ notes: 'before the upgrade to 2.0' });
    patch.flush(aBackup({ id: 'b-1', notes: 'before the upgrade to 2.0' }));
    await fixture.whenStable();
    fixture.componentRef.setInput('backups', TestBed.inject(BackupsStore).all());
    await fixture.whenStable();
    expect(notes()).toEqual(['before the upgrade to 2.0']);
    expect(root.querySelector('#backup-notes-edit')).toBeNull();
    backend.verify();
  });
});
