/**
 * What a pve-container version does on the simulator's paths, from pve-container's
 * debian/changelog (commit 94f55852, 6.1.10) and the code each entry names.
 */
export interface ContainerFeatures {
  /**
   * OCI create turns the image's `User` into `lxc.init.uid`/`gid`/`groups` (6.1.0: "oci create:
   * honor user defined in OCI image config"; src/PVE/LXC/Create.pm `restore_oci_archive`, the
   * `User` branch). Before, the entrypoint runs as the container's root.
   */
  honoursOciUser: boolean;
  /**
   * How a mount point's root gets its owner and mode when it is mounted over a directory that
   * exists in the container (src/PVE/LXC.pm `mountpoint_insert_staged`, `$keep_attrs`):
   * `never` (up to 6.0.18: the volume's root stays the container's root), `always` (6.0.19 to
   * 6.1.1: "Make mount points inherit the uid, gid, and access mode if the directory already
   * exists"), `keepattrs` (6.1.2 on: "make mount point attribute preservation configurable and
   * opt-in", the `keepattrs` mount point option in src/PVE/LXC/Config.pm `$mp_desc`).
   */
  mountAttrs: 'never' | 'always' | 'keepattrs';
  /** The `idmap` mount point option (6.1.6: "add support for idmapped mounts"). */
  mountIdmap: boolean;
}

/** Compares dotted numeric versions: negative, zero or positive like `a - b`. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function containerFeatures(version: string): ContainerFeatures {
  const atLeast = (v: string): boolean => compareVersions(version, v) >= 0;
  return {
    honoursOciUser: atLeast('6.1.0'),
    mountAttrs: atLeast('6.1.2') ? 'keepattrs' : atLeast('6.0.19') ? 'always' : 'never',
    mountIdmap: atLeast('6.1.6'),
  };
}
