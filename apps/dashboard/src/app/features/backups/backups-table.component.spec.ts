import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { aBackup } from '@proxdeck/dashboard-data-access';
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
});
