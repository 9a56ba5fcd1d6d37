import { TestBed } from '@angular/core/testing';
import { PagerComponent, pageFromQuery, pageSlice } from './pager.component';

describe('pageSlice', () => {
  const items = Array.from({ length: 120 }, (_, i) => i);

  it('cuts the asked page and says how many there are', () => {
    expect(pageSlice(items, 2, 50)).toEqual({ items: items.slice(50, 100), page: 2, pageCount: 3, total: 120 });
    expect(pageSlice(items, 3, 50).items).toEqual(items.slice(100));
  });

  it('clamps a page beyond the list (it shrank, or a stale URL) to the last one, and below 1 to the first', () => {
    expect(pageSlice(items, 9, 50).page).toBe(3);
    expect(pageSlice(items, 0, 50).page).toBe(1);
    expect(pageSlice([], 4, 50)).toEqual({ items: [], page: 1, pageCount: 1, total: 0 });
  });
});

describe('pageFromQuery', () => {
  it('reads positive whole numbers and treats anything else as page 1', () => {
    expect(pageFromQuery('3')).toBe(3);
    expect([undefined, null, '', '0', '-2', '1.5', 'x'].map(pageFromQuery)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });
});

describe('PagerComponent', () => {
  async function render(page: number, total: number) {
    const fixture = TestBed.createComponent(PagerComponent);
    fixture.componentRef.setInput('page', page);
    fixture.componentRef.setInput('pageSize', 50);
    fixture.componentRef.setInput('total', total);
    fixture.componentRef.setInput('label', 'Pages of apps');
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const asked: number[] = [];
    fixture.componentInstance.pageChange.subscribe((next) => asked.push(next));
    const button = (label: string) => host.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
    return { fixture, host, asked, previous: button('Previous page'), next: button('Next page') };
  }

  it('is a named navigation with labelled buttons and the range in a polite live region', async () => {
    const { host, previous, next } = await render(2, 120);
    expect(host.getAttribute('role')).toBe('navigation');
    expect(host.getAttribute('aria-label')).toBe('Pages of apps');
    expect(previous?.type).toBe('button');
    expect(next?.type).toBe('button');
    const live = host.querySelector('[aria-live="polite"]');
    expect(live?.textContent?.trim()).toBe('51–100 of 120');
  });

  it('asks for the neighbouring page', async () => {
    const { asked, previous, next } = await render(2, 120);
    previous?.click();
    next?.click();
    expect(asked).toEqual([1, 3]);
  });

  it('disables Previous on the first page and Next on the last', async () => {
    const first = await render(1, 120);
    expect(first.previous?.disabled).toBe(true);
    expect(first.next?.disabled).toBe(false);
    expect(first.host.textContent).toContain('1–50 of 120');

    const last = await render(3, 120);
    expect(last.previous?.disabled).toBe(false);
    expect(last.next?.disabled).toBe(true);
    expect(last.host.textContent).toContain('101–120 of 120');
  });

  it('hands keyboard focus to the other button when a click reaches an end', async () => {
    const { fixture, previous, next } = await render(2, 120);
    document.body.appendChild(fixture.nativeElement);
    next?.focus();
    next?.click();
    expect(document.activeElement).toBe(previous);
    previous?.click();
    expect(document.activeElement).toBe(next);
    fixture.nativeElement.remove();
  });

  it('stays hidden while the list fits on one page, and shows once it does not', async () => {
    const { fixture, host } = await render(1, 40);
    expect(host.hidden).toBe(true);
    fixture.componentRef.setInput('total', 51);
    await fixture.whenStable();
    expect(host.hidden).toBe(false);
  });

  it('follows a new page and total', async () => {
    const { fixture, host, next } = await render(1, 40);
    expect(next?.disabled).toBe(true);
    fixture.componentRef.setInput('total', 500);
    fixture.componentRef.setInput('page', 10);
    await fixture.whenStable();
    expect(host.querySelector('[aria-live="polite"]')?.textContent?.trim()).toBe('451–500 of 500');
  });
});
