import { expect, type Locator, type Page } from '@playwright/test';

/** A main view: its link in the navigation, its URL and its level-1 heading. */
export interface MainView {
  link: string;
  path: string;
  heading: string;
}

/** Every view of the main navigation, as an admin sees it (Settings and Audit log are for admins). */
export const MAIN_VIEWS: readonly MainView[] = [
  { link: 'Dashboard', path: '/', heading: 'Dashboard' },
  { link: 'Apps', path: '/apps', heading: 'Apps' },
  { link: 'Catalog', path: '/catalog', heading: 'Catalog' },
  { link: 'Backups', path: '/backups', heading: 'Backups' },
  { link: 'Adoption', path: '/adoption', heading: 'Adoption' },
  { link: 'Nodes', path: '/nodes', heading: 'Nodes' },
  { link: 'Monitoring', path: '/monitoring', heading: 'Monitoring' },
  { link: 'Operations', path: '/operations', heading: 'Operations' },
  { link: 'Settings', path: '/settings', heading: 'Settings' },
  { link: 'Audit log', path: '/audit', heading: 'Audit log' },
];

/**
 * A walk through the views that takes every ordered pair (from, to) exactly once: an Eulerian
 * circuit of the complete directed graph, so "every view to every other" costs 91 clicks, not 180.
 */
export function everyTransition(views: readonly MainView[]): MainView[] {
  const unused = views.map((_, from) => views.map((__, to) => to).filter((to) => to !== from));
  const stack = [0];
  const circuit: number[] = [];
  while (stack.length) {
    const at = stack[stack.length - 1];
    const next = unused[at].pop();
    if (next === undefined) circuit.push(stack.pop() as number);
    else stack.push(next);
  }
  return circuit.reverse().map((index) => views[index]);
}

/** The signed-in frame: main navigation, view headings and the live-updates indicator. */
export class ConsoleFrame {
  constructor(private readonly page: Page) {}

  navLink(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { name, exact: true, level: 1 });
  }

  /** Clicks a view's link without waiting for it to render (for the stress test). */
  clickNav(view: MainView): Promise<void> {
    return this.navLink(view.link).click();
  }

  /** Opens a view from the navigation and waits until it is the current page and shows its heading. */
  async go(view: MainView): Promise<void> {
    await this.clickNav(view);
    await this.expectOn(view);
  }

  async expectOn(view: MainView): Promise<void> {
    await expect(this.heading(view.heading)).toBeVisible();
    await expect(this.navLink(view.link)).toHaveAttribute('aria-current', 'page');
    await expect(this.page).toHaveURL((url) => url.pathname === view.path);
  }

  /** The indicator in the top bar: "Live", or "Offline, reconnecting…" while the gateway is away. */
  liveIndicator(): Locator {
    return this.page.getByTitle('Live updates from Proxdeck');
  }
}
