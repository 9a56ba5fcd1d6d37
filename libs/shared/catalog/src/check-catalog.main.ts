/**
 * `npm run catalog:check`: validates the bundled catalog and every PROXDECK_CATALOG_DIRS directory,
 * prints each problem with file and field, and exits 1 on any. PROXDECK_BUNDLED_CATALOG_DIR overrides
 * where the bundled entries are (same variables as the server config).
 */
import { checkCatalog, formatCatalogCheck } from './lib/catalog-check';

const userDirs = (process.env['PROXDECK_CATALOG_DIRS'] ?? '').split(':').filter(Boolean);
const bundledDir = process.env['PROXDECK_BUNDLED_CATALOG_DIR'] || undefined;
try {
  const result = checkCatalog({ bundledDir, userDirs });
  const report = formatCatalogCheck(result);
  if (result.problems.length > 0) {
    process.stderr.write(`${report}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`${report}\n`);
  }
} catch (err) {
  process.stderr.write(`catalog check: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
