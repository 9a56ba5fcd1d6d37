import { dieError, paramError } from '../params/api-error';
import { boolParam, numParam, strParam } from '../params/param-schema';
import { parsePropertyString, printPropertyString } from '../params/property-string';
import type { RouteDef } from '../http/router';
import { randomHwaddr, type ConfigMap } from '../state/container-config';
import { copyOfData, writeVolumeData } from '../state/container-data';
import { allocateDisk, diskEntries, diskValue } from '../state/container-disks';
import type { ContainerState } from '../state/sim-state';
import { TaskAborted, TaskFailure } from '../tasks/task-runner';
import { assertNotLocked, target, VMID_SCHEMA } from './route-helpers';

/**
 * `POST /nodes/{node}/lxc/{vmid}/clone` (`clone_vm`): source `disk` and target `create` locks set
 * synchronously. Full clones copy every disk (a running CT only from a snapshot); linked clones
 * (`full=0`, the default for templates) need a template's base volumes or a snapshot. `target`
 * (another node) needs every disk on shared storage, and a given `storage` shared too.
 */
export const lxcCloneRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/nodes/{node}/lxc/{vmid}/clone',
    schema: {
      newid: VMID_SCHEMA,
      hostname: { type: 'string', optional: true, format: 'dns-name' },
      description: { type: 'string', optional: true, maxLength: 8192 },
      pool: { type: 'string', optional: true },
      snapname: { type: 'string', optional: true, format: 'pve-configid', maxLength: 40 },
      storage: { type: 'string', optional: true, format: 'pve-storage-id' },
      full: { type: 'boolean', optional: true },
      target: { type: 'string', optional: true, format: 'pve-node' },
      bwlimit: { type: 'number', optional: true, minimum: 0 },
    },
    handler: ({ params, sim, auth }) => {
      const { node, vmid } = target(params);
      const newid = numParam(params, 'newid') ?? 0;
      const source = sim.state.requireContainer(node, vmid);
      const isTemplate = source.config.get('template') === '1';
      const full = params['full'] !== undefined ? boolParam(params, 'full') : !isTemplate;
      const storage = strParam(params, 'storage');
      const targetNode = strParam(params, 'target') ?? node;
      if (!sim.state.node(targetNode)) throw dieError(`no such cluster node '${targetNode}'`);
      if (storage !== undefined) {
        const def = sim.state.requireStorage(storage);
        if (!def.content.includes('rootdir')) throw paramError({ storage: `storage '${storage}' does not support container directories` });
        if (targetNode !== node && !def.shared) throw dieError(`can't clone to non-shared storage '${storage}'`);
      }
      if (storage !== undefined && !full) throw dieError("parameter 'storage' not allowed for linked clones");
      // Sync part: lock the source, then create the locked target config.
      assertNotLocked(source);
      const existing = sim.state.containers.get(newid);
      if (existing) throw dieError(`CT ${newid} already exists on node '${existing.node}'`);
      const snapname = strParam(params, 'snapname');
      let baseConfig: ConfigMap = source.config;
      if (snapname !== undefined) {
        const snap = source.snapshots?.get(snapname);
        if (!snap) throw dieError(`snapshot '${snapname}' does not exist`);
        baseConfig = snap.config;
      } else if (source.status === 'running' && full) {
        throw dieError('Full clone of a running container is only possible from a snapshot');
      }
      // lvmthin clones thinly from a base volume (a template's) or a snapshot; anything else has no clone feature.
      const disks = diskEntries(baseConfig);
      if (!full && snapname === undefined) {
        const plain = disks.find((d) => !/:base-\d+-disk-\d+$/.test(d.volid));
        if (plain) throw dieError(`Linked clone feature for '${plain.volid}' is not available`);
      }
      // Local volumes cannot follow the config to another node; shared ones are seen from there.
      const sharedVm = disks.every((d) => sim.state.isShared(d.volid.split(':')[0]));
      if (targetNode !== node && !sharedVm) throw dieError(`can't clone CT to node '${targetNode}' (CT uses local storage)`);
      source.config.set('lock', 'disk');
      const clone: ContainerState = { vmid: newid, node, config: new Map([['lock', 'create']]), status: 'stopped', createdAtMs: sim.nowMs() };
      sim.state.containers.set(newid, clone);
      const sourceConfig = new Map(baseConfig);

      return sim.tasks.start({
        node,
        type: 'vzclone',
        id: String(vmid),
        user: auth.fullUser,
        vmid,
        work: async (ctx) => {
          const allocated: string[] = [];
          try {
            const conf: ConfigMap = new Map();
            for (const [key, value] of sourceConfig) {
              if (key === 'lock' || key === 'parent' || key === 'template' || /^unused\d+$/.test(key)) continue;
              conf.set(key, value);
            }
            for (const disk of diskEntries(sourceConfig)) {
              const vol = sim.state.volume(node, disk.volid);
              const toStorage = storage ?? vol?.storage ?? 'local-lvm';
              ctx.log(full ? `create full clone of mountpoint ${disk.key} (${disk.volid})` : `create linked clone of mount point ${disk.key} (${disk.volid})`);
              const volid = allocateDisk(sim, ctx, node, toStorage, newid, disk.size);
              allocated.push(volid);
              writeVolumeData(sim, node, volid, copyOfData(vol));
              await ctx.step(500);
              conf.set(disk.key, diskValue(volid, disk.size, disk.options));
            }
            // Every network interface gets a new MAC.
            for (const [key, value] of conf) {
              if (!/^net\d+$/.test(key)) continue;
              const net = parsePropertyString(value);
              net.set('hwaddr', randomHwaddr());
              conf.set(key, printPropertyString(net, undefined, ['name', 'bridge', 'firewall', 'gw', 'hwaddr', 'ip', 'ip6', 'tag', 'type']));
            }
            const hostname = strParam(params, 'hostname');
            if (hostname !== undefined) conf.set('hostname', hostname);
            const description = strParam(params, 'description');
            if (description !== undefined) conf.set('description', description);
            if (sim.state.containers.get(newid) !== clone) throw new TaskFailure(`CT ${newid} vanished during clone`);
            clone.config = conf;
            clone.image = source.image;
            // `move_config_to_node`: the finished copy belongs to the target node.
            if (targetNode !== node) clone.node = targetNode;
          } catch (err) {
            if (err instanceof TaskAborted) throw err;
            for (const volid of allocated) sim.state.removeVolume(node, volid);
            if (sim.state.containers.get(newid) === clone) sim.state.containers.delete(newid);
            throw err;
          } finally {
            if (source.config.get('lock') === 'disk') source.config.delete('lock');
          }
        },
      }).upid;
    },
  },
];
