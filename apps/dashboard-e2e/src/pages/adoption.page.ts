import { expect, type Page } from '@playwright/test';

/** The Adoption view: containers Proxdeck does not manage, and the Adopt dialog. */
export class AdoptionPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Adoption' }).click();
    await expect(this.page.getByRole('heading', { name: 'Adoption', level: 1 })).toBeVisible();
  }

  candidate(name: string) {
    return this.page.getByRole('row').filter({ hasText: name });
  }

  /** The section listing containers that carry the marker of an app that no longer exists. */
  orphans() {
    return this.page.getByRole('region', { name: 'Containers left by deleted apps' });
  }

  /** Adopts as a catalog entry (by its name) under a hostname. */
  async adopt(name: string, catalogApp: string, hostname: string): Promise<void> {
    await this.page.getByRole('button', { name: `Adopt ${name}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Adopt ${name}` });
    await dialog.getByLabel('Catalog app').selectOption({ label: catalogApp });
    await dialog.getByLabel('Hostname').fill(hostname);
    await dialog.getByRole('button', { name: 'Adopt', exact: true }).click();
    await expect(dialog).toBeHidden();
  }
}
