import { isTrue } from '../params/property-string';
import type { SimContext } from '../sim-context';
import { containerFeatures } from './container-features';
import { diskEntries } from './container-disks';
import type { ContainerState } from './sim-state';

/** The process an application container runs, as the app sees itself. */
export interface AppProcess {
  /** `env` of the config (NUL-separated), as the process got it at start. */
  env: Record<string, string>;
  uid: number;
  gid: number;
  /** `lxc.init.cwd`, else `/`. */
  cwd: string;
}

export function parseConfigEnv(env: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (env ?? '').split('\0')) {
    const eq = pair.indexOf('=');
    if (eq > 0) out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/** The mount point a path lies on (longest `mp` prefix), if any. */
function mountFor(ct: ContainerState, path: string): { key: string; volid: string; mp: string } | undefined {
  let best: { key: string; volid: string; mp: string } | undefined;
  for (const disk of diskEntries(ct.config)) {
    if (disk.key === 'rootfs') continue;
    const mp = (disk.options.get('mp') ?? '').replace(/\/+$/, '') || '/';
    const under = path === mp || path.startsWith(mp === '/' ? '/' : `${mp}/`);
    if (under && (!best || mp.length > best.mp.length)) best = { key: disk.key, volid: disk.volid, mp };
  }
  return best;
}

/**
 * Mounting a CT's volumes at start: where the mount point's directory exists in the image and
 * the pve-container version preserves it (src/PVE/LXC.pm `mountpoint_insert_staged`, `$keep_attrs`:
 * always on 6.0.19-6.1.1, with `keepattrs=1` from 6.1.2), the volume's root takes that
 * directory's owner. The image's data directories, and the directories above them that a mount
 * point may cover (a home directory), belong to its `User` (the images that run as a user create
 * them for it); everything else in the image belongs to root.
 */
export function mountVolumes(sim: SimContext, ct: ContainerState): void {
  const data = ct.image?.data;
  if (!data) return;
  const mode = containerFeatures(sim.options.containerVersion).mountAttrs;
  for (const disk of diskEntries(ct.config)) {
    if (disk.key === 'rootfs') continue;
    const mp = disk.options.get('mp') ?? '';
    const keep = mode === 'always' || (mode === 'keepattrs' && isTrue(disk.options.get('keepattrs')));
    if (!keep) continue;
    const volume = sim.state.volume(ct.node, disk.volid);
    if (!volume) continue;
    const ownedByUser = data.userUid !== undefined && data.writes.some((dir) => dir === mp || dir.startsWith(`${mp.replace(/\/+$/, '')}/`));
    volume.rootOwner = ownedByUser ? { uid: data.userUid ?? 0, gid: data.userGid ?? data.userUid ?? 0 } : { uid: 0, gid: 0 };
  }
}

/**
 * A command word relative to the image's `WorkingDir` (`./memos`, `node server.js`) is not found
 * when the process starts elsewhere: LXC starts init in `lxc.init.cwd`, `/` when the key is gone
 * (a restore by anyone but root@pam drops it: pve-container src/PVE/LXC/Create.pm L553-566).
 * Only while the container's entrypoint still holds that word (a person may have replaced it).
 */
function missingWorkingDir(ct: ContainerState, cwd: string): string | undefined {
  const need = ct.image?.needsWorkingDir;
  if (!need || !(ct.config.get('entrypoint') ?? '').includes(need.path)) return undefined;
  const trim = (dir: string) => dir.replace(/\/+$/, '') || '/';
  if (trim(cwd) === trim(need.dir)) return undefined;
  return `${need.path}: No such file or directory: the app starts in ${cwd}, but its image runs it from ${need.dir} (lxc.init.cwd)`;
}

/**
 * Starts the app's process: its user (`lxc.init.uid`, else root; an entrypoint that drops to
 * another user without taking its directories over writes as that user) must be able to write
 * each data directory the app needs. Returns the process, or why the app exits at once.
 */
export function startAppProcess(sim: SimContext, ct: ContainerState): { process: AppProcess } | { exit: string } {
  const conf = ct.config;
  const uid = Number(conf.get('lxc.init.uid') ?? 0);
  const gid = Number(conf.get('lxc.init.gid') ?? 0);
  const process: AppProcess = { env: parseConfigEnv(conf.get('env')), uid, gid, cwd: conf.get('lxc.init.cwd') ?? '/' };
  const missing = missingWorkingDir(ct, process.cwd);
  if (missing) return { exit: missing };
  const data = ct.image?.data;
  if (!data) return { process };
  const writer = uid === 0 && data.dropsToUid !== undefined && !data.fixesOwnership ? data.dropsToUid : uid;
  if (writer === 0) return { process };
  for (const dir of data.writes) {
    const mount = mountFor(ct, dir);
    if (!mount) continue;
    const owner = sim.state.volume(ct.node, mount.volid)?.rootOwner?.uid ?? 0;
    if (owner !== writer) {
      return { exit: `${dir}: Permission denied: the app writes as uid ${writer}, but ${mount.key} (${mount.mp}) belongs to uid ${owner}` };
    }
  }
  return { process };
}
