import { dieError } from '../params/api-error';
import { strParam } from '../params/param-schema';
import { parseDiskSize } from '../params/property-string';
import type { RouteDef } from '../http/router';
import { diskEntries, diskValue } from '../state/container-disks';
import { TaskFailure } from '../tasks/task-runner';
import { assertDigest, assertNotLocked, target, startContainerTask } from './route-helpers';

const GiB = 1024 ** 3;
const gib = (bytes: number): string => `${(bytes / GiB).toFixed(2)} GiB`;

/** `PUT /nodes/{node}/lxc/{vmid}/resize` (`resize_vm`): early checks sync, then the `resize` task. */
export const lxcResizeRoutes: RouteDef[] = [
  {
    method: 'PUT',
    path: '/nodes/{node}/lxc/{vmid}/resize',
    schema: {
      disk: { type: 'string', pattern: /^(rootfs|mp\d+)$/ },
      size: { type: 'string', pattern: /^\+?\d+(\.\d+)?[KMGT]?$/ },
      digest: { type: 'string', optional: true, maxLength: 40 },
    },
    handler: ({ params, sim, auth }) => {
      const { node, vmid } = target(params);
      const ct = sim.state.requireContainer(node, vmid);
      assertNotLocked(ct);
      assertDigest(ct, strParam(params, 'digest'));
      const key = strParam(params, 'disk') ?? '';
      const disk = diskEntries(ct.config).find((d) => d.key === key);
      if (!disk) throw dieError(`disk '${key}' does not exist`);
      const sizeText = strParam(params, 'size') ?? '';
      const relative = sizeText.startsWith('+');
      // Without a unit the size is in bytes.
      const amount = parseDiskSize(sizeText.replace(/^\+/, ''), 'K') ?? 0;
      const bytes = /[KMGT]$/.test(sizeText) ? amount : Math.round(amount / 1024);
      const newSize = relative ? disk.size + bytes : bytes;
      if (newSize < disk.size) throw dieError('unable to shrink disk size');
      if (newSize === disk.size) throw dieError('disk is already at specified size');
      return startContainerTask(sim, auth, node, vmid, 'resize', async (ctx) => {
        const vol = sim.state.volume(node, disk.volid);
        const def = sim.state.storage(vol?.storage ?? '');
        if (!vol || !def) throw new TaskFailure(`volume '${disk.volid}' does not exist`);
        if (newSize - vol.size > sim.state.usage(node, def).avail) throw new TaskFailure(`not enough free space on storage '${def.storage}'`);
        ctx.log(`  Size of logical volume pve/${disk.volid.split(':')[1]} changed from ${gib(vol.size)} (${vol.size / 4194304} extents) to ${gib(newSize)} (${newSize / 4194304} extents).`);
        ctx.log(`  Logical volume pve/${disk.volid.split(':')[1]} successfully resized.`);
        await ctx.step(500);
        vol.size = newSize;
        ct.config.set(key, diskValue(disk.volid, newSize, disk.options));
        ctx.log(`resize2fs 1.47.2 (1-Jan-2025)`);
        ctx.log(`The filesystem on /dev/loop0 is now ${newSize / 4096} (4k) blocks long.`);
      });
    },
  },
];
