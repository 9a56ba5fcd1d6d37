import { dieError } from '../params/api-error';
import type { RouteDef } from '../http/router';
import { diskEntries, diskValue } from '../state/container-disks';
import { isFileStorage } from '../state/storage-model';
import { TaskFailure } from '../tasks/task-runner';
import { assertNotLocked, startContainerTask, target } from './route-helpers';

/**
 * `POST /nodes/{node}/lxc/{vmid}/template` (`template`): checks synchronously, converts in a
 * `vztemplate` task and answers null (no UPID, like PVE). On lvmthin every disk is renamed
 * `vm-<vmid>-disk-N` -> `base-<vmid>-disk-N`; then `template: 1`. Linked clones need this.
 */
export const lxcTemplateRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/nodes/{node}/lxc/{vmid}/template',
    handler: ({ params, sim, auth }) => {
      const { node, vmid } = target(params);
      const ct = sim.state.requireContainer(node, vmid);
      assertNotLocked(ct);
      if (ct.snapshots && ct.snapshots.size > 0) throw dieError('unable to create template, because CT contains snapshots');
      if (ct.config.get('template') === '1') throw dieError("you can't convert a template to a template");
      if (ct.status === 'running') throw dieError("you can't convert a CT to template if the CT is running");
      for (const disk of diskEntries(ct.config)) {
        const storage = disk.volid.split(':')[0];
        const def = sim.state.storage(storage);
        if (def && isFileStorage(def)) throw dieError(`Directory storage '${storage}' does not support container templates!`);
      }
      startContainerTask(sim, auth, node, vmid, 'vztemplate', async (ctx) => {
        await ctx.step(500);
        if (sim.state.containers.get(vmid) !== ct) throw new TaskFailure(`Configuration file 'nodes/${node}/lxc/${vmid}.conf' does not exist`);
        for (const disk of diskEntries(ct.config)) {
          const vol = sim.state.volume(node, disk.volid);
          if (!vol) throw new TaskFailure(`volume '${disk.volid}' does not exist`);
          const baseVolid = disk.volid.replace(/:vm-(\d+-disk-\d+)$/, ':base-$1');
          if (baseVolid === disk.volid) continue;
          ctx.log(`  Renamed "${disk.volid.split(':')[1]}" to "${baseVolid.split(':')[1]}" in volume group "pve"`);
          ctx.log(`  Logical volume pve/${baseVolid.split(':')[1]} changed.`);
          sim.state.removeVolume(node, vol.volid);
          sim.state.addVolume({ ...vol, volid: baseVolid });
          ct.config.set(disk.key, diskValue(baseVolid, disk.size, disk.options));
        }
        ct.config.set('template', '1');
      });
      return null;
    },
  },
];
