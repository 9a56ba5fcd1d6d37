import { refuseRootOnlyParams } from '../access/root-only';
import { dieError, paramError } from '../params/api-error';
import { boolParam, numParam, strParam } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import type { SimContext } from '../sim-context';
import { archiveName, parseRetention, pruneByRetention, renderNotes } from '../state/backup-archive';
import { copyOfData } from '../state/container-data';
import { diskEntries, diskWithoutSnapshots, type DiskEntry } from '../state/container-disks';
import type { ContainerState } from '../state/sim-state';
import { volumePath, type StorageDefinition } from '../state/storage-model';
import { isTrue } from '../params/property-string';
import { FlockTimeout } from '../tasks/config-flock';
import { TaskFailure, type TaskContext } from '../tasks/task-runner';

const hms = (s: number): string => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

interface DumpJob {
  node: string;
  storage: StorageDefinition;
  mode: string;
  compress: string;
  notesTemplate?: string;
  protect: boolean;
  retention?: Record<string, number>;
}

/**
 * The volumes an archive holds (pve-container src/PVE/LXC/Config.pm `mountpoint_backup_enabled`
 * L66-86 via `get_backup_volumes` L2095): rootfs always, a mount point only with `backup=1`;
 * src/PVE/VZDump/LXC.pm L159-175 logs each choice.
 */
function includedVolumes(ct: ContainerState, log: (line: string) => void): DiskEntry[] {
  return diskEntries(ct.config).filter((disk) => {
    const mp = disk.key === 'rootfs' ? '/' : (disk.options.get('mp') ?? '');
    if (disk.key !== 'rootfs' && !isTrue(disk.options.get('backup'))) {
      log(`excluding volume mount point ${disk.key} ('${mp}') from backup (disabled)`);
      return false;
    }
    log(`including mount point ${disk.key} ('${mp}') in backup`);
    return true;
  });
}

/** Each disk's app data, by config key, for the archive (what a restore writes back). */
function archiveData(sim: SimContext, node: string, disks: DiskEntry[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const disk of disks) {
    const data = copyOfData(sim.state.volume(node, disk.volid));
    if (data) out[disk.key] = data;
  }
  return out;
}

/** One guest of a vzdump job; returns false when that guest failed (logged as ERROR). */
async function backupGuest(sim: SimContext, ctx: TaskContext, job: DumpJob, vmid: number): Promise<boolean> {
  const ct: ContainerState | undefined = sim.state.containers.get(vmid);
  ctx.log(`INFO: Starting Backup of VM ${vmid} (lxc)`);
  if (!ct || ct.node !== job.node) {
    ctx.log(`ERROR: Backup of VM ${vmid} failed - unable to find VM '${vmid}'`);
    return false;
  }
  const lock = ct.config.get('lock');
  if (lock) {
    ctx.log(`ERROR: Backup of VM ${vmid} failed - CT is locked (${lock})`);
    return false;
  }
  const started = sim.nowSeconds();
  let mode = ct.status === 'running' ? job.mode : 'stop';
  // VZDump.pm: a `mode failure` in prepare falls back to suspend mode.
  const unsnapshottable = mode === 'snapshot' && diskWithoutSnapshots(sim, ct.config) !== undefined;
  if (unsnapshottable) mode = 'suspend';
  ct.config.set('lock', 'backup');
  try {
    ctx.log(`INFO: Backup started at ${new Date(started * 1000).toISOString().replace('T', ' ').slice(0, 19)}`);
    ctx.log(`INFO: status = ${ct.status}`);
    ctx.log(`INFO: CT Name: ${ct.config.get('hostname') ?? `CT${vmid}`}`);
    if (unsnapshottable) {
      ctx.log('INFO: mode failure - some volumes do not support snapshots');
      ctx.log("INFO: trying 'suspend' mode instead");
    }
    ctx.log(`INFO: backup mode: ${mode}`);
    ctx.log('INFO: ionice priority: 7');
    if (mode === 'snapshot') ctx.log("INFO: create storage snapshot 'vzdump'");
    // Two dumps of a guest in one second would collide (or tie when pruning); move on to the next free second.
    const newest = Math.max(0, ...sim.state.volumesOn(job.node, job.storage.storage).filter((v) => v.content === 'backup' && v.vmid === vmid).map((v) => v.ctime));
    let stamp = Math.max(started, newest + 1);
    while (sim.state.volume(job.node, `${job.storage.storage}:backup/${archiveName(vmid, new Date(stamp * 1000), job.compress)}`)) stamp++;
    const name = archiveName(vmid, new Date(stamp * 1000), job.compress);
    const volid = `${job.storage.storage}:backup/${name}`;
    ctx.log(`INFO: creating vzdump archive '${volumePath(job.storage, `backup/${name}`)}'`);
    await ctx.step(2000);
    const disks = includedVolumes(ct, (line) => ctx.log(`INFO: ${line}`));
    const size = Math.max(1, Math.round(disks.reduce((sum, d) => sum + d.size, 0) * 0.05));
    if (size > sim.state.usage(job.node, job.storage).avail) throw new TaskFailure(`vzdump archive: No space left on device`);
    const config = [...ct.config].filter(([k]) => k !== 'lock' && k !== 'parent');
    const notesRendered = job.notesTemplate ? renderNotes(job.notesTemplate, { cluster: 'proxdeck-sim', guestname: ct.config.get('hostname') ?? `CT${vmid}`, node: job.node, vmid: String(vmid) }) : undefined;
    sim.state.addVolume({
      volid,
      node: job.node,
      storage: job.storage.storage,
      content: 'backup',
      format: name.slice(name.indexOf('.tar') + 1),
      size,
      // Listings take ctime from the archive name (PVE::Storage `archive_info`).
      ctime: stamp,
      vmid,
      notes: notesRendered && 'notes' in notesRendered ? notesRendered.notes : undefined,
      protected: job.protect,
      // The config keeps every mount point: a restore makes them all (src/PVE/API2/LXC.pm L468-484), filling only the archived ones.
      backup: { config, diskSizes: Object.fromEntries(diskEntries(ct.config).map((d) => [d.key, d.size])), diskData: archiveData(sim, job.node, disks), image: ct.image },
    });
    ctx.log(`INFO: archive file size: ${Math.round(size / 1048576)}MB`);
    if (notesRendered) ctx.log('INFO: adding notes to backup');
    if (job.protect) ctx.log('INFO: marking backup as protected');
    if (job.retention && Object.keys(job.retention).length > 0) {
      const keepText = Object.keys(job.retention).sort().map((k) => `${k}=${job.retention?.[k] ?? 0}`).join(', ');
      ctx.log(`INFO: prune older backups with retention: ${keepText}`);
      const mine = sim.state.volumesOn(job.node, job.storage.storage).filter((v) => v.content === 'backup' && v.vmid === vmid);
      const doomed = pruneByRetention(mine, job.retention);
      for (const v of doomed) sim.state.removeVolume(job.node, v.volid);
      ctx.log(`INFO: pruned ${doomed.length} backup(s)`);
    }
    if (mode === 'snapshot') ctx.log("INFO: cleanup temporary 'vzdump' snapshot");
    ctx.log(`INFO: Finished Backup of VM ${vmid} (${hms(sim.nowSeconds() - started)})`);
    ctx.log(`INFO: Backup finished at ${new Date(sim.nowSeconds() * 1000).toISOString().replace('T', ' ').slice(0, 19)}`);
    return true;
  } catch (err) {
    if (!(err instanceof TaskFailure)) throw err;
    ctx.log(`ERROR: Backup of VM ${vmid} failed - ${err.message}`);
    return false;
  } finally {
    if (ct.config.get('lock') === 'backup') ct.config.delete('lock');
  }
}

/**
 * `POST /nodes/{node}/vzdump` (PVE/API2/VZDump.pm): one `vzdump` task for the included guests on
 * this node. `all=1` includes every guest of the cluster but, as on PVE, each node backs up its own
 * (a datacenter backup job is this call on every node); the rest are logged as external.
 */
export const vzdumpRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/nodes/{node}/vzdump',
    schema: {
      vmid: { type: 'string', optional: true },
      all: { type: 'boolean', optional: true },
      exclude: { type: 'string', optional: true },
      pool: { type: 'string', optional: true },
      storage: { type: 'string', optional: true, format: 'pve-storage-id' },
      mode: { type: 'string', optional: true, enum: ['snapshot', 'suspend', 'stop'] },
      compress: { type: 'string', optional: true, enum: ['0', '1', 'gzip', 'lzo', 'zstd'] },
      remove: { type: 'boolean', optional: true },
      'prune-backups': { type: 'string', optional: true },
      'notes-template': { type: 'string', optional: true, maxLength: 1024 },
      protected: { type: 'boolean', optional: true },
      lockwait: { type: 'integer', optional: true, minimum: 0 },
      stopwait: { type: 'integer', optional: true, minimum: 0 },
      bwlimit: { type: 'integer', optional: true, minimum: 0 },
      ionice: { type: 'integer', optional: true, minimum: 0, maximum: 8 },
      zstd: { type: 'integer', optional: true, minimum: 0 },
      pigz: { type: 'integer', optional: true, minimum: 0 },
      mailto: { type: 'string', optional: true },
      mailnotification: { type: 'string', optional: true, enum: ['always', 'failure'] },
      'notification-mode': { type: 'string', optional: true, enum: ['auto', 'legacy-sendmail', 'notification-system'] },
      fleecing: { type: 'string', optional: true },
      performance: { type: 'string', optional: true },
      stdexcludes: { type: 'boolean', optional: true },
      'exclude-path': { type: 'string', optional: true, array: true },
      quiet: { type: 'boolean', optional: true },
      stdout: { type: 'boolean', optional: true },
      stop: { type: 'boolean', optional: true },
      maxfiles: { type: 'integer', optional: true, minimum: 1 },
      'pbs-change-detection-mode': { type: 'string', optional: true, enum: ['legacy', 'data', 'metadata'] },
      // Root-only (`dumpdir`, `tmpdir`, `script`, `job-id`): refused for anyone else, not used by the sim.
      dumpdir: { type: 'string', optional: true },
      tmpdir: { type: 'string', optional: true },
      script: { type: 'string', optional: true },
      'job-id': { type: 'string', optional: true },
    },
    handler: ({ params, sim, auth }) => {
      const node = strParam(params, 'node') ?? '';
      refuseRootOnlyParams(auth, params, ['tmpdir', 'dumpdir', 'script', 'job-id'], 'Only root may set this option.');
      const storageId = strParam(params, 'storage') ?? 'local';
      const storage = sim.state.requireStorage(storageId);
      if (!storage.content.includes('backup')) throw dieError(`storage '${storageId}' does not support vzdump backups`);
      const template = strParam(params, 'notes-template');
      if (template !== undefined) {
        const check = renderNotes(template, {});
        if ('error' in check) throw paramError({ 'notes-template': check.error });
      }
      const all = boolParam(params, 'all');
      let included: number[];
      if (all) {
        const excluded = new Set((strParam(params, 'exclude') ?? '').split(/[,;\s]+/).filter((s) => s !== '').map(Number));
        included = [...sim.state.containers.keys()].filter((vmid) => !excluded.has(vmid));
      } else {
        const list = (strParam(params, 'vmid') ?? '').split(/[,;\s]+/).filter((s) => s !== '');
        if (list.length === 0) throw paramError({ vmid: 'property is missing and it is not optional' });
        if (list.some((v) => !/^[1-9]\d{2,8}$/.test(v))) throw paramError({ vmid: 'invalid format - value does not look like a valid VM ID\n' });
        included = list.map(Number);
      }
      // `get_included_guests`: this node's guests run here (unknown ids too, to fail visibly); the
      // others are each node's own job and only named as skipped. Without `all`, nothing local is `OK`.
      const vmids = included.filter((id) => sim.state.containers.get(id)?.node === node || !sim.state.containers.has(id)).sort((a, b) => a - b);
      const skipped = included.filter((id) => !vmids.includes(id)).sort((a, b) => a - b);
      if (vmids.length === 0 && !all) return 'OK';
      const lockwait = numParam(params, 'lockwait') ?? 180;
      const job: DumpJob = {
        node,
        storage,
        mode: strParam(params, 'mode') ?? 'snapshot',
        compress: strParam(params, 'compress') ?? '0',
        notesTemplate: template,
        protect: boolParam(params, 'protected'),
        retention: params['prune-backups'] !== undefined ? parseRetention(strParam(params, 'prune-backups') ?? '') : undefined,
      };
      return sim.tasks.start({
        node,
        type: 'vzdump',
        id: vmids.length === 1 ? String(vmids[0]) : '',
        user: auth.fullUser,
        vmid: vmids.length === 1 ? vmids[0] : undefined,
        work: async (ctx) => {
          const selection = all ? `--all 1${strParam(params, 'exclude') ? ` --exclude ${strParam(params, 'exclude') ?? ''}` : ''}` : vmids.join(' ');
          ctx.log(`INFO: starting new backup job: vzdump ${selection} --storage ${storageId} --mode ${job.mode} --compress ${job.compress} --node ${node}`);
          if (skipped.length > 0) ctx.log(`INFO: skip external VMs: ${skipped.join(', ')}`);
          // One vzdump per node at a time: the next waits for the global lock up to `lockwait` minutes.
          const globalLock = `vzdump:${node}`;
          if (sim.tasks.flocks.isHeld(globalLock)) ctx.log('INFO: trying to get global lock - waiting...');
          const release = await sim.tasks.flocks.acquire(globalLock, lockwait * 60_000, '/var/run/vzdump.lock').catch((err: unknown) => {
            throw err instanceof FlockTimeout ? new TaskFailure(`can't acquire lock '/var/run/vzdump.lock' - got timeout`) : err;
          });
          try {
            await ctx.step(200);
            let failed = 0;
            for (const vmid of vmids) if (!(await backupGuest(sim, ctx, job, vmid))) failed++;
            if (failed > 0) throw new TaskFailure('job errors');
            ctx.log('INFO: Backup job finished successfully');
          } finally {
            release();
          }
        },
      }).upid;
    },
  },
];
