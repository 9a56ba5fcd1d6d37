import { Inject, Injectable, Logger } from '@nestjs/common';
import { PROXDECK_CONFIG, type ProxdeckConfig } from '@proxdeck/server-config';
import {
  bundledCatalogDir,
  bundledIconsDir,
  catalogIconPath,
  type CatalogEntry,
  loadBundledCatalog,
  loadCatalogDir,
  searchCatalog,
  toCatalogItemDto,
} from '@proxdeck/shared-catalog';
import type { CatalogItemDto, Page } from '@proxdeck/shared-contracts';
import { join } from 'node:path';
import { DomainError } from '../problem/domain-error';

interface LoadedEntry {
  entry: CatalogEntry;
  iconPath: string | null;
}

/**
 * The catalog, loaded once at start: the bundled entries (an invalid one stops the start, it is a
 * bug) and then each PROXDECK_CATALOG_DIRS directory (invalid entries there are logged and skipped,
 * so one typo in a user's file does not take the platform down). The first entry with an id wins.
 */
@Injectable()
export class CatalogService {
  private readonly logger = new Logger('Catalog');
  private readonly entries = new Map<string, LoadedEntry>();

  constructor(@Inject(PROXDECK_CONFIG) config: ProxdeckConfig) {
    const bundledDir = bundledCatalogDir({ dir: config.bundledCatalogDir });
    for (const entry of loadBundledCatalog({ dir: bundledDir })) {
      this.entries.set(entry.id, { entry, iconPath: join(bundledIconsDir(bundledDir), entry.icon) });
    }
    for (const dir of config.catalogDirs) {
      const { entries, errors } = loadCatalogDir(dir);
      for (const error of errors) this.logger.warn(`catalog ${dir}: ${error}`);
      for (const entry of entries) {
        if (this.entries.has(entry.id)) {
          this.logger.warn(`catalog ${dir}: entry "${entry.id}" is already defined; ignoring this copy`);
          continue;
        }
        this.entries.set(entry.id, { entry, iconPath: catalogIconPath(dir, entry) });
      }
    }
    this.logger.log(`Loaded ${this.entries.size} catalog entries.`);
  }

  search(q: string | undefined, category: string | undefined): Page<CatalogItemDto> {
    const all = [...this.entries.values()].map((l) => l.entry);
    return { items: searchCatalog(all, { q, category }).map(toCatalogItemDto), nextCursor: null };
  }

  /** The entry, or 404 CATALOG_ENTRY_NOT_FOUND naming `field` in `errors` when given (deploy's `catalogId`). */
  get(id: string, field?: string): CatalogEntry {
    const loaded = this.entries.get(id);
    if (!loaded) {
      throw DomainError.notFound('CATALOG_ENTRY_NOT_FOUND', `The catalog has no entry "${id}".`, field ? { [field]: 'is not in the catalog' } : undefined);
    }
    return loaded.entry;
  }

  iconPath(id: string): string | null {
    this.get(id);
    return this.entries.get(id)?.iconPath ?? null;
  }
}
