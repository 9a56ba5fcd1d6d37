import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { ButtonDirective } from '../button/button.directive';

/** One page of a list: its items and where it sits in the whole. */
export interface PageSlice<T> {
  items: T[];
  /** 1-based, clamped to the pages there are (a stale `?page=9` shows the last page). */
  page: number;
  pageCount: number;
  total: number;
}

/** Cuts the `page`-th page out of `items`; the page is clamped so a list that shrank still shows rows. */
export function pageSlice<T>(items: readonly T[], page: number, pageSize: number): PageSlice<T> {
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  const clamped = Math.min(pageCount, Math.max(1, Math.floor(Number.isFinite(page) ? page : 1)));
  const start = (clamped - 1) * pageSize;
  return { items: items.slice(start, start + pageSize), page: clamped, pageCount, total: items.length };
}

/** A page number from a URL query value: anything that is not a positive whole number is page 1. */
export function pageFromQuery(value: string | null | undefined): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

/**
 * Previous / Next for a long list, with "51–100 of 500" between them; hidden while the list fits
 * on one page. The parent owns the page (often in the URL); the pager only asks for another one.
 * The range is announced politely.
 */
@Component({
  selector: 'pd-pager',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ButtonDirective],
  // A list that fits on one page needs no pager: hidden, it is out of the accessibility tree too.
  host: { role: 'navigation', '[attr.aria-label]': 'label()', '[hidden]': 'pageCount() <= 1' },
  template: `
    <button #previous pdButton size="small" type="button" aria-label="Previous page" [disabled]="page() <= 1" (click)="go(page() - 1, next)">
      <span aria-hidden="true">‹</span> Previous
    </button>
    <span class="range" aria-live="polite">{{ range() }}</span>
    <button #next pdButton size="small" type="button" aria-label="Next page" [disabled]="page() >= pageCount()" (click)="go(page() + 1, previous)">
      Next <span aria-hidden="true">›</span>
    </button>
  `,
  styles: `
    :host { display: flex; align-items: center; justify-content: flex-end; gap: 12px; margin-top: 12px; flex-wrap: wrap; }
    :host([hidden]) { display: none; }
    .range { font-size: 14px; font-variant-numeric: tabular-nums; color: var(--pd-text-muted); }
  `,
})
export class PagerComponent {
  /** 1-based page being shown. */
  readonly page = input.required<number>();
  readonly pageSize = input.required<number>();
  readonly total = input.required<number>();
  /** Names the navigation landmark, e.g. "Pages of apps". */
  readonly label = input('Pages');
  readonly pageChange = output<number>();

  protected readonly pageCount = computed(() => Math.max(1, Math.ceil(this.total() / this.pageSize())));
  protected readonly range = computed(() => {
    const total = this.total();
    if (total === 0) return '0 of 0';
    const first = (this.page() - 1) * this.pageSize() + 1;
    const last = Math.min(total, this.page() * this.pageSize());
    return `${first}–${last} of ${total}`;
  });

  /** At either end the pressed button turns disabled and would drop keyboard focus: hand it to the other. */
  protected go(page: number, other: HTMLButtonElement): void {
    if (page < 1 || page > this.pageCount()) return;
    this.pageChange.emit(page);
    if (page === 1 || page === this.pageCount()) other.focus();
  }
}
