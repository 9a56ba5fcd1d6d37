import type { PvePackageVersion } from './pve.types';

/**
 * What Proxdeck may ask of a node's pve-container (from its debian/changelog): `keepattrs` on
 * mount points exists from 6.1.2 ("make mount point attribute preservation configurable and
 * opt-in"); an older parser refuses the unknown key, so it is only sent where it exists. From
 * 6.1.0 on, an image's `User` is honoured, so an image that runs as a user needs `keepattrs` to
 * write a fresh data volume; before 6.1.0 the app runs as the container's root.
 */
export interface NodeContainerFeatures {
  /** Installed pve-container, e.g. `6.1.10` (null when the node does not say). */
  version: string | null;
  keepattrs: boolean;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function nodeContainerFeatures(packages: readonly PvePackageVersion[]): NodeContainerFeatures {
  const row = packages.find((p) => p.Package === 'pve-container');
  const version = row ? (row.OldVersion ?? row.Version) : null;
  return { version, keepattrs: version !== null && compareVersions(version, '6.1.2') >= 0 };
}
