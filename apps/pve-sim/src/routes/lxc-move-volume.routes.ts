import { dieError, paramError } from '../params/api-error';
import { boolParam, numParam, strParam } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import { copyOfData, writeVolumeData } from '../state/container-data';
import { allocateDisk, diskEntries, diskValue } from '../state/container-disks';
import { TaskFailure } from '../tasks/task-runner';
import { assertDigest, assertNotLocked, target, VMID_SCHEMA } from './route-helpers';

const DISK_KEY = /^(rootfs|mp\d+)$/;

/** The next free `unusedN` key of a config. */
function nextUnused(conf: Map<string, string>): string {
  for (let i = 0; ; i++) if (!conf.has(`unused${i}`)) return `unused${i}`;
}

/**
 * `POST /nodes/{node}/lxc/{vmid}/move_volume`: to another storage (the old volume stays as
 * `unusedN` unless `delete=1`), or with `target-vmid` to another CT (the volume is renamed for its
 * new owner, e.g. `vm-101-disk-1`). Both CTs must be stopped. Task `move_volume`.
 */
export const lxcMoveVolumeRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/nodes/{node}/lxc/{vmid}/move_volume',
    schema: {
      volume: { type: 'string', pattern: DISK_KEY },
      storage: { type: 'string', optional: true, format: 'pve-storage-id' },
      'target-vmid': { ...VMID_SCHEMA, optional: true },
      'target-volume': { type: 'string', optional: true, pattern: DISK_KEY },
      delete: { type: 'boolean', optional: true },
      digest: { type: 'string', optional: true, maxLength: 40 },
      'target-digest': { type: 'string', optional: true, maxLength: 40 },
      bwlimit: { type: 'number', optional: true, minimum: 0 },
    },
    handler: ({ params, sim, auth }) => {
      const { node, vmid } = target(params);
      const storage = strParam(params, 'storage');
      const targetVmid = numParam(params, 'target-vmid');
      if (storage !== undefined && targetVmid !== undefined) throw paramError({ 'target-vmid': "either set 'storage' or 'target-vmid', but not both" });
      if (storage === undefined && targetVmid === undefined) throw paramError({ storage: "either set 'storage' or 'target-vmid'" });
      const ct = sim.state.requireContainer(node, vmid);
      assertNotLocked(ct);
      assertDigest(ct, strParam(params, 'digest'));
      const key = strParam(params, 'volume') ?? '';
      const disk = diskEntries(ct.config).find((d) => d.key === key);
      if (!disk) throw dieError(`no such volume '${key}' in CT ${vmid}`);
      if (ct.status === 'running') throw dieError('cannot move volumes of a running container');

      if (targetVmid !== undefined) {
        const targetKey = strParam(params, 'target-volume') ?? key;
        if (targetVmid === vmid) throw dieError('Reassigning a volume to the same container is not possible');
        if (key === 'rootfs' || targetKey === 'rootfs') throw dieError('cannot reassign the rootfs volume');
        const dest = sim.state.requireContainer(node, targetVmid);
        assertNotLocked(dest);
        assertDigest(dest, strParam(params, 'target-digest'));
        if (dest.status === 'running') throw dieError('cannot move volumes of a running container');
        if (dest.config.has(targetKey)) throw dieError(`Target volume key '${targetKey}' is already in use for CT ${targetVmid}`);
        ct.config.set('lock', 'disk');
        dest.config.set('lock', 'disk');
        return sim.tasks.start({
          node,
          type: 'move_volume',
          id: String(vmid),
          user: auth.fullUser,
          vmid,
          work: async (ctx) => {
            try {
              const vol = sim.state.volume(node, disk.volid);
              if (!vol) throw new TaskFailure(`volume '${disk.volid}' does not exist`);
              const newVolid = sim.state.nextDiskName(node, vol.storage, targetVmid);
              ctx.log(`renaming volume '${disk.volid}' to '${newVolid}'`);
              await ctx.step(500);
              sim.state.removeVolume(node, vol.volid);
              sim.state.addVolume({ ...vol, volid: newVolid, vmid: targetVmid });
              ct.config.delete(key);
              dest.config.set(targetKey, diskValue(newVolid, disk.size, disk.options));
            } finally {
              if (ct.config.get('lock') === 'disk') ct.config.delete('lock');
              if (dest.config.get('lock') === 'disk') dest.config.delete('lock');
            }
          },
        }).upid;
      }

      const def = sim.state.requireStorage(storage ?? '');
      if (!def.content.includes('rootdir')) throw paramError({ storage: `storage '${def.storage}' does not support container directories` });
      ct.config.set('lock', 'disk');
      return sim.tasks.start({
        node,
        type: 'move_volume',
        id: String(vmid),
        user: auth.fullUser,
        vmid,
        work: async (ctx) => {
          try {
            const newVolid = allocateDisk(sim, ctx, node, def.storage, vmid, disk.size);
            ctx.log(`copying '${disk.volid}' to '${newVolid}'`);
            await ctx.step(1500);
            // The CT is stopped (checked above), so the data copied now is what the app last wrote.
            writeVolumeData(sim, node, newVolid, copyOfData(sim.state.volume(node, disk.volid)));
            ct.config.set(key, diskValue(newVolid, disk.size, disk.options));
            if (boolParam(params, 'delete')) {
              sim.state.removeVolume(node, disk.volid);
              ctx.log(`removed old volume '${disk.volid}'`);
            } else {
              ct.config.set(nextUnused(ct.config), disk.volid);
            }
          } finally {
            if (ct.config.get('lock') === 'disk') ct.config.delete('lock');
          }
        },
      }).upid;
    },
  },
];
