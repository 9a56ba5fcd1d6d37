import { expect, type Locator, type Page } from '@playwright/test';

/** Opens a view from the main navigation and waits for its heading. */
async function openFromNav(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
}

/** The Nodes view: a row a node with its meters, and a node's apps. */
export class NodesView {
  constructor(private readonly page: Page) {}

  open(): Promise<void> {
    return openFromNav(this.page, 'Nodes', 'Nodes');
  }

  row(node: string): Locator {
    return this.page.getByRole('row', { name: new RegExp(`^${node}\\b`) });
  }

  meter(kind: 'CPU' | 'Memory' | 'Disk', node: string): Locator {
    return this.page.getByRole('meter', { name: `${kind} of ${node}` });
  }

  async showApps(node: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Apps on ${node}` }).click();
    const region = this.page.getByRole('region', { name: `Apps on ${node}` });
    await expect(region).toBeVisible();
    return region;
  }
}

/** The Monitoring view: what to chart, the timeframe, and the three charts. */
export class MonitoringView {
  constructor(private readonly page: Page) {}

  open(): Promise<void> {
    return openFromNav(this.page, 'Monitoring', 'Monitoring');
  }

  target(): Locator {
    return this.page.getByLabel('Show metrics of');
  }

  timeframe(name: 'Hour' | 'Day' | 'Week'): Locator {
    return this.page.getByRole('radio', { name });
  }

  /** A chart (an image to assistive tech) named "<title>. <summary>". */
  chart(title: 'CPU' | 'Memory' | 'Network'): Locator {
    return this.page.getByRole('img', { name: new RegExp(`^${title}\\. `) });
  }
}

/** The Operations view: filters, rows, logs, "Load more". */
export class OperationsView {
  constructor(private readonly page: Page) {}

  open(): Promise<void> {
    return openFromNav(this.page, 'Operations', 'Operations');
  }

  async filter({ state, app }: { state?: string; app?: string }): Promise<void> {
    if (state !== undefined) await this.page.getByLabel('State', { exact: true }).selectOption(state);
    if (app !== undefined) await this.page.getByLabel('App', { exact: true }).selectOption({ label: app });
  }

  row(type: string, hostname: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('button', { name: `Log of ${type} of ${hostname}` }) });
  }

  progress(type: string, hostname: string): Locator {
    return this.page.getByRole('progressbar', { name: `Progress of ${type} of ${hostname}` }).first();
  }

  async openLog(type: string, hostname: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Log of ${type} of ${hostname}` }).first().click();
    return this.page.getByRole('log', { name: `Log of ${type} of ${hostname}` });
  }
}

/** The Settings view's sections, each a region named by its heading. */
export class SettingsView {
  constructor(private readonly page: Page) {}

  open(): Promise<void> {
    return openFromNav(this.page, 'Settings', 'Settings');
  }

  section(name: 'Proxmox connection' | 'Defaults' | 'Users and roles' | 'API tokens' | 'Theme'): Locator {
    return this.page.getByRole('region', { name });
  }

  /** The dialog asking to confirm a deletion, once it is open. */
  confirmDialog(heading: string): Locator {
    return this.page.getByRole('dialog', { name: heading });
  }
}

/** The Audit log view. */
export class AuditView {
  constructor(private readonly page: Page) {}

  open(): Promise<void> {
    return openFromNav(this.page, 'Audit log', 'Audit log');
  }

  async filter({ actor = '', action = '' }: { actor?: string; action?: string }): Promise<void> {
    await this.page.getByLabel('Actor').fill(actor);
    await this.page.getByLabel('Action starts with').fill(action);
    await this.page.getByRole('button', { name: 'Apply filters' }).click();
  }

  rows(): Locator {
    return this.page.getByRole('table', { name: 'Audit events' }).getByRole('row').filter({ has: this.page.getByRole('cell') });
  }
}

/** Signs in through the form as someone other than the suite's admin. */
export async function signInAs(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}
