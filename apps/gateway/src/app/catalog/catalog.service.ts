import { Inject, Injectable, Logger } from '@nestjs/common';
import { PROXDECK_CONFIG, type ProxdeckConfig } from '@proxdeck/server-config';
import { loadCatalog, searchCatalog, toCatalogItemDto, type CatalogEntry, type LoadedCatalogEntry } from '@proxdeck/shared-catalog';
import type { CatalogItemDto, Page } from '@proxdeck/shared-contracts';
import { DomainError } from '../problem/domain-error';

/**
 * The catalog, loaded once at start with shared-catalog's loadCatalog (the worker uses the same):
 * the bundled entries (an invalid one stops the start, it is a bug) and then each PROXDECK_CATALOG_DIRS
 * directory (invalid entries there are logged with file and field and skipped, so one typo in a user's
 * file does not take the platform down; a user entry may not reuse a bundled id).
 */
@Injectable()
export class CatalogService {
  private readonly logger = new Logger('Catalog');
  private readonly entries = new Map<string, LoadedCatalogEntry>();

  constructor(@Inject(PROXDECK_CONFIG) config: ProxdeckConfig) {
    const { entries, errors } = loadCatalog({ bundledDir: config.bundledCatalogDir, userDirs: config.catalogDirs });
    for (const error of errors) this.logger.warn(`user catalog entry skipped: ${error}`);
    for (const loaded of entries) this.entries.set(loaded.entry.id, loaded);
    this.logger.log(`Loaded ${this.entries.size} catalog entries.`);
  }

  search(q: string | undefined, category: string | undefined): Page<CatalogItemDto> {
    const all = [...this.entries.values()].map((l) => l.entry);
    return { items: searchCatalog(all, { q, category }).map((entry) => this.item(entry.id)), nextCursor: null };
  }

  /** The entry, or 404 CATALOG_ENTRY_NOT_FOUND naming `field` in `errors` when given (deploy's `catalogId`). */
  get(id: string, field?: string): CatalogEntry {
    const loaded = this.entries.get(id);
    if (!loaded) {
      throw DomainError.notFound('CATALOG_ENTRY_NOT_FOUND', `The catalog has no entry "${id}".`, field ? { [field]: 'is not in the catalog' } : undefined);
    }
    return loaded.entry;
  }

  /** The API shape of an entry, with where it comes from. */
  item(id: string): CatalogItemDto {
    const loaded = this.entries.get(id);
    if (!loaded) return toCatalogItemDto(this.get(id));
    return toCatalogItemDto(loaded.entry, { source: loaded.source, sourceDir: loaded.dir });
  }

  iconPath(id: string): string | null {
    this.get(id);
    return this.entries.get(id)?.iconPath ?? null;
  }
}
