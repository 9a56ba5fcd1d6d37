import { ChangeDetectionStrategy, Component, ElementRef, inject, input, output } from '@angular/core';

export const APP_TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'metrics', label: 'Metrics' },
  { id: 'backups', label: 'Backups' },
  { id: 'operations', label: 'Operations' },
  { id: 'settings', label: 'Settings' },
] as const;
export type AppTab = (typeof APP_TABS)[number]['id'];

/**
 * The app page's tab strip, following the WAI-ARIA tabs pattern: one tab in the Tab order, arrow
 * keys (and Home/End) move between tabs and select them.
 */
@Component({
  selector: 'pd-app-tabs',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tabs" role="tablist" aria-label="App sections">
      @for (tab of tabs; track tab.id) {
        <button
          type="button"
          role="tab"
          class="tab"
          [id]="'tab-' + tab.id"
          [attr.aria-selected]="active() === tab.id"
          [attr.aria-controls]="'tabpanel-' + tab.id"
          [attr.tabindex]="active() === tab.id ? 0 : -1"
          (click)="selected.emit(tab.id)"
          (keydown)="onKeydown($event)"
        >
          {{ tab.label }}
        </button>
      }
    </div>
  `,
  styles: `
    .tabs { display: flex; gap: 4px; border-bottom: 1px solid var(--pd-border); margin: 24px 0 16px; overflow-x: auto; }
    .tab {
      border: 0; background: none; font: inherit; font-weight: 600; color: var(--pd-text-muted);
      padding: 10px 14px; border-bottom: 2px solid transparent; cursor: pointer; white-space: nowrap;
    }
    .tab:hover { color: var(--pd-text); }
    .tab[aria-selected='true'] { color: var(--pd-primary); border-bottom-color: var(--pd-primary); }
    .tab:focus-visible { outline: 2px solid var(--pd-focus); outline-offset: -2px; }
  `,
})
export class AppTabsComponent {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  readonly active = input.required<AppTab>();
  readonly selected = output<AppTab>();
  protected readonly tabs = APP_TABS;

  protected onKeydown(event: KeyboardEvent): void {
    const index = this.tabs.findIndex((tab) => tab.id === this.active());
    const last = this.tabs.length - 1;
    const next =
      event.key === 'ArrowRight' ? (index + 1) % this.tabs.length
      : event.key === 'ArrowLeft' ? (index + last) % this.tabs.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    if (next === null) return;
    event.preventDefault();
    const tab = this.tabs[next];
    this.selected.emit(tab.id);
    this.host.nativeElement.querySelector<HTMLElement>(`#tab-${tab.id}`)?.focus();
  }
}
