import { checkRootOnlyConfig } from '../access/root-only';
import { dieError, paramError } from '../params/api-error';
import { boolParam, numParam, strParam, type Params } from '../params/param-schema';
import { parseDiskSize, parsePropertyString, printPropertyString } from '../params/property-string';
import type { RequestContext } from '../http/router';
import type { SimContext } from '../sim-context';
import { isRawLxcKey, normalizeTags, randomHwaddr, type ConfigMap } from '../state/container-config';
import { writeVolumeData } from '../state/container-data';
import { allocateDisk, diskValue } from '../state/container-disks';
import { bringUp } from '../state/container-runtime';
import type { ContainerState } from '../state/sim-state';
import { parseVolid, volnameContent, type BackupPayload } from '../state/storage-model';
import { TaskAborted, TaskFailure, type TaskContext } from '../tasks/task-runner';
import { NET_KEY_ORDER, normaliseNet } from './lxc-net';
import { CONFIG_PROPS } from './lxc-schema';

/**
 * `POST /nodes/{node}/lxc` with `restore=1`: `ostemplate` is a backup volid, disks land on
 * `storage` with the backed-up sizes (or `rootfs`), given options override the backed-up config.
 */
export function restoreContainer({ params, sim, auth }: RequestContext): string {
  const node = strParam(params, 'node') ?? '';
  const vmid = numParam(params, 'vmid') ?? 0;
  const archive = strParam(params, 'ostemplate') ?? '';
  const parsed = parseVolid(archive);
  if (!parsed) throw dieError(`unable to parse volume ID '${archive}'`);
  sim.state.requireStorage(parsed.storage);
  if (volnameContent(parsed.volname) !== 'backup') throw dieError(`unable to use volume ${archive} - content type needs to be 'backup'`);
  const force = boolParam(params, 'force');
  const existing = sim.state.containers.get(vmid);
  if (existing) {
    if (!force || existing.node !== node) throw dieError(`CT ${vmid} already exists on node '${existing.node}'`);
    if (existing.status === 'running') throw dieError("can't overwrite running container");
    if (existing.config.get('protection') === '1') throw dieError(`unable to restore CT ${vmid} - protection mode enabled`);
    const lock = existing.config.get('lock');
    if (lock) throw dieError(`CT is locked (${lock})`);
  }
  // Only what the caller gives is checked; `unprivileged` defaults to the archive's.
  const archived = sim.state.volume(node, archive)?.backup?.config.find(([k]) => k === 'unprivileged')?.[1];
  const unprivileged = params['unprivileged'] !== undefined ? boolParam(params, 'unprivileged') : archived === '1';
  checkRootOnlyConfig(sim, auth, vmid, { next: strParam(params, 'features'), hookscript: params['hookscript'] !== undefined, unprivileged });
  const storage = strParam(params, 'storage') ?? 'local';
  // LXC.pm L390-411: the storages of given disks must hold containers; `storage` only when `rootfs` is not given.
  const given = Object.keys(params).filter((k) => k === 'rootfs' || /^mp\d+$/.test(k));
  const checked = params['rootfs'] === undefined ? [storage] : [];
  for (const key of given) checked.push(/^([^:\s]+):/.exec(parsePropertyString(strParam(params, key) ?? '', 'volume').get('volume') ?? '')?.[1] ?? storage);
  if (given.some((k) => /^mp\d+$/.test(k)) && params['rootfs'] === undefined) throw dieError("mount points configured, but 'rootfs' not set - aborting");
  for (const id of new Set(checked)) {
    const def = sim.state.requireStorage(id);
    if (!def.content.includes('rootdir')) throw paramError({ storage: `storage '${id}' does not support container directories` });
  }
  for (const [key, value] of Object.entries(params)) if (/^net\d+$/.test(key) && typeof value === 'string') normaliseNet(key, value);

  let ct: ContainerState;
  if (existing) {
    ct = existing;
    ct.config.set('lock', 'create');
  } else {
    ct = { vmid, node, config: new Map([['lock', 'create']]), status: 'stopped', createdAtMs: sim.nowMs() };
    sim.state.containers.set(vmid, ct);
  }
  return sim.tasks.start({ node, type: 'vzrestore', id: String(vmid), user: auth.fullUser, vmid, flock: vmid, work: (ctx) => runRestore(sim, ctx, ct, params, archive, storage, auth.fullUser === 'root@pam') }).upid;
}

async function runRestore(sim: SimContext, ctx: TaskContext, ct: ContainerState, params: Params, archive: string, storage: string, isRoot: boolean): Promise<void> {
  const { vmid, node } = ct;
  const allocated: string[] = [];
  let disksStarted = false;
  const previous = ct.config.size > 1 ? new Map([...ct.config].filter(([k]) => k !== 'lock')) : undefined;
  try {
    const backup = sim.state.volume(node, archive)?.backup;
    if (!backup) throw new TaskFailure(`volume '${archive}' does not exist`);
    ctx.log(`recovering backed-up configuration from '${archive}'`);
    // Create.pm `sanitize_and_merge_config` L533-541: no mount points, unused volumes or parent from the archive.
    const conf: ConfigMap = new Map(backup.config.filter(([k]) => k !== 'rootfs' && !/^(mp|unused)\d+$/.test(k) && k !== 'parent' && !isRawLxcKey(k)));
    const rawLxc = backup.config.filter(([k]) => isRawLxcKey(k));
    if (rawLxc.length > 0 && isRoot) {
      // src/PVE/API2/LXC.pm L455: only root@pam (not even its tokens) gets the raw keys back.
      for (const [k, v] of rawLxc) conf.set(k, v);
    } else if (rawLxc.length > 0) {
      // src/PVE/LXC/Create.pm `sanitize_and_merge_config` L553-566: restricted restores skip them, with a warning.
      ctx.warn(['skipping custom lxc options, restore manually as root:', '--------------------------------', ...rawLxc.map(([k, v]) => `${k}: ${v}`), '--------------------------------'].join('\n'));
    }
    // Old volumes of a CT restored over (`force`): freed after the new disks exist (LXC.pm L529-545).
    const oldVolumes = [...sim.state.volumes.values()].filter((v) => sim.state.visibleOn(v, node) && v.vmid === vmid && v.content !== 'backup').map((v) => v.volid);
    const disks = restoredDisks(params, backup, storage);
    disksStarted = true;
    for (const disk of disks) {
      const volid = allocateDisk(sim, ctx, node, disk.storage, vmid, disk.size);
      allocated.push(volid);
      writeVolumeData(sim, node, volid, disk.data);
      conf.set(disk.key, diskValue(volid, disk.size, disk.options));
    }
    for (const volid of oldVolumes) sim.state.removeVolume(node, volid);
    ctx.log(`restoring '${archive}' now..`);
    await ctx.step(2000);
    ctx.log('merging backed-up and given configuration..');
    // Create.pm `sanitize_and_merge_config` L572-577: `unique` gives every archived netN a new MAC.
    if (boolParam(params, 'unique')) {
      for (const [key, value] of [...conf].filter(([k]) => /^net\d+$/.test(k))) {
        const net = parsePropertyString(value);
        net.set('hwaddr', randomHwaddr());
        conf.set(key, printPropertyString(net, undefined, NET_KEY_ORDER));
      }
    }
    for (const key of Object.keys(CONFIG_PROPS)) {
      const v = params[key];
      if (v === undefined || key === 'rootfs' || /^mp\d+$/.test(key)) continue;
      const text = Array.isArray(v) ? v.join(',') : String(v);
      conf.set(key, /^net\d+$/.test(key) ? normaliseNet(key, text) : key === 'tags' ? normalizeTags(text) : text);
    }
    if (sim.state.containers.get(vmid) !== ct) throw new TaskFailure(`CT ${vmid} vanished during restore`);
    ct.config = conf;
    ct.image = backup.image;
    ct.snapshots = undefined;
  } catch (err) {
    if (err instanceof TaskAborted) throw err;
    for (const volid of allocated) sim.state.removeVolume(node, volid);
    // Before any disk was made, a CT restored over keeps its config (LXC.pm L637-641); after, it is gone.
    if (sim.state.containers.get(vmid) === ct) {
      if (previous && !disksStarted) ct.config = previous;
      else sim.state.containers.delete(vmid);
    }
    throw new TaskFailure(`unable to restore CT ${vmid} - ${err instanceof Error ? err.message.replace(/\n$/, '') : String(err)}`);
  }
  if (boolParam(params, 'start')) {
    const failure = sim.faults.takeTaskFailure('vzstart', vmid);
    if (failure !== undefined) throw new TaskFailure(failure);
    await bringUp(sim, ct, ctx);
  }
}

interface RestoredDisk {
  key: string;
  storage: string;
  size: number;
  options: Map<string, string>;
  data?: Record<string, string>;
}

/**
 * The disks a restore makes (src/PVE/API2/LXC.pm L368-385, L472-525): with no `rootfs`/`mpN`
 * given, every mount point of the archived config, on `storage`, at its size (empty where it was
 * not archived); with some given, exactly those (`STORAGE:SIZE`, or a size on `storage`): the
 * archived mount points are dropped (Create.pm L540).
 */
function restoredDisks(params: Params, backup: BackupPayload, storage: string): RestoredDisk[] {
  const given = Object.keys(params).filter((k) => k === 'rootfs' || /^mp\d+$/.test(k));
  if (given.length === 0) {
    return Object.entries(backup.diskSizes).map(([key, size]) => {
      const original = backup.config.find(([k]) => k === key)?.[1];
      const options = original ? parsePropertyString(original, 'volume') : new Map<string, string>();
      options.delete('volume');
      options.delete('size');
      return { key, storage, size, options, data: backup.diskData?.[key] };
    });
  }
  return given.map((key) => {
    const options = parsePropertyString(strParam(params, key) ?? '', 'volume');
    const volume = options.get('volume') ?? '';
    options.delete('volume');
    options.delete('size');
    const m = /^(?:([^:\s]+):)?(\d+(?:\.\d+)?)$/.exec(volume);
    if (!m) throw new TaskFailure(`pve-sim: restore takes new volumes only (STORAGE:SIZE or SIZE) for '${key}', got '${volume}'`);
    return { key, storage: m[1] ?? storage, size: parseDiskSize(m[2]) ?? 0, options, data: backup.diskData?.[key] };
  });
}
