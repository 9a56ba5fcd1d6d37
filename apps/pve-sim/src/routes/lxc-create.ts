import { checkRootOnlyConfig } from '../access/root-only';
import { dieError, paramError } from '../params/api-error';
import { boolParam, numParam, strParam, type Params } from '../params/param-schema';
import { parseMountPoint } from '../state/mount-points';
import { allocateDisk, diskValue } from '../state/container-disks';
import type { RequestContext } from '../http/router';
import type { SimContext } from '../sim-context';
import { normalizeTags, type ConfigMap } from '../state/container-config';
import { bringUp } from '../state/container-runtime';
import type { ContainerState } from '../state/sim-state';
import { parseVolid, volnameContent, volumePath } from '../state/storage-model';
import { TaskAborted, TaskFailure, type TaskContext } from '../tasks/task-runner';
import { CONFIG_PROPS } from './lxc-schema';
import { normaliseNet } from './lxc-net';
import { restoreContainer } from './lxc-restore';
import { findAppliance } from '../images/appliance-templates';
import { pathNeedingWorkingDir } from '../images/working-dir';
import { imageRuntimeConfig } from '../images/image-configs';
import { containerFeatures } from '../state/container-features';
import { applyOciImageConfig } from './lxc-oci';

const GiB = 1024 ** 3;

/** A disk to allocate: `rootfs` or `mpN` with `STORAGE:SIZE_GiB`. */
export interface DiskRequest {
  key: string;
  storage: string;
  size: number;
  options: Map<string, string>;
}

export function parseDiskRequest(sim: SimContext, key: string, value: string, defaultStorage: string): DiskRequest {
  const map = parseMountPoint(key, value, containerFeatures(sim.options.containerVersion));
  const volume = map.get('volume') ?? '';
  let storage = defaultStorage;
  let sizeText = volume;
  const m = /^([a-z][a-z0-9\-_.]*[a-z0-9]):(\d+(?:\.\d+)?)$/i.exec(volume);
  if (m) {
    storage = m[1];
    sizeText = m[2];
  }
  if (!/^\d+(\.\d+)?$/.test(sizeText)) throw paramError({ [key]: `pve-sim supports only new volumes (STORAGE:SIZE_IN_GiB), got '${volume}'` });
  const def = sim.state.storage(storage);
  if (!def) throw dieError(`storage '${storage}' does not exist`);
  if (!def.content.includes('rootdir')) throw paramError({ storage: `storage '${storage}' does not support container directories` });
  map.delete('volume');
  map.delete('size');
  return { key, storage, size: Math.round(Number(sizeText) * GiB), options: map };
}

/** The final config the create task writes (without `lock`). */
function buildConfig(params: Params, vmid: number, disks: Map<string, string>, ostype: string): ConfigMap {
  const conf: ConfigMap = new Map();
  for (const key of Object.keys(CONFIG_PROPS)) {
    const v = params[key];
    if (v === undefined || key === 'rootfs' || /^mp\d+$/.test(key) || /^net\d+$/.test(key)) continue;
    conf.set(key, Array.isArray(v) ? v.join(',') : String(v));
  }
  for (const [key, value] of Object.entries(params)) if (/^net\d+$/.test(key) && typeof value === 'string') conf.set(key, normaliseNet(key, value));
  for (const [key, value] of disks) conf.set(key, value);
  if (!conf.has('hostname')) conf.set('hostname', `CT${vmid}`);
  if (!conf.has('memory')) conf.set('memory', '512');
  if (!conf.has('swap')) conf.set('swap', '512');
  if (!conf.has('arch')) conf.set('arch', 'amd64');
  if (!conf.has('ostype')) conf.set('ostype', ostype);
  // unprivileged defaults to 1 when not restoring.
  if (!conf.has('unprivileged')) conf.set('unprivileged', '1');
  const tags = conf.get('tags');
  if (tags !== undefined) conf.set('tags', normalizeTags(tags));
  return conf;
}

/** `POST /nodes/{node}/lxc`: sync pre-checks, `lock: create`, then the `vzcreate` task. */
export function createContainer(ctx: RequestContext): string {
  const { params, sim, auth } = ctx;
  const node = strParam(params, 'node') ?? '';
  const vmid = numParam(params, 'vmid') ?? 0;
  if (boolParam(params, 'restore')) return restoreContainer(ctx);
  // `unique` has `requires => 'restore'` (src/PVE/API2/LXC.pm L194-199; pve-common JSONSchema.pm L1339-1348).
  if (params['unique'] !== undefined) throw paramError({ restore: "missing property required by 'unique'" });
  const existing = sim.state.containers.get(vmid);
  if (existing) throw dieError(`CT ${vmid} already exists on node '${existing.node}'`);
  checkRootOnlyConfig(sim, auth, vmid, { next: strParam(params, 'features'), hookscript: params['hookscript'] !== undefined, unprivileged: params['unprivileged'] === undefined || boolParam(params, 'unprivileged') });
  const ostemplate = strParam(params, 'ostemplate') ?? '';
  const tpl = parseVolid(ostemplate);
  if (!tpl) throw dieError(`unable to parse volume ID '${ostemplate}'`);
  const tplStorage = sim.state.requireStorage(tpl.storage);
  if (volnameContent(tpl.volname) !== 'vztmpl') throw dieError(`unable to use volume ${ostemplate} - content type needs to be 'vztmpl'`);
  const storage = strParam(params, 'storage') ?? 'local';
  sim.state.requireStorage(storage);
  for (const [key, value] of Object.entries(params)) if (/^net\d+$/.test(key) && typeof value === 'string') normaliseNet(key, value);
  // src/PVE/API2/LXC.pm L386-387.
  if (params['rootfs'] === undefined && Object.keys(params).some((k) => /^mp\d+$/.test(k))) throw dieError("mount points configured, but 'rootfs' not set - aborting");
  const requests = [parseDiskRequest(sim, 'rootfs', strParam(params, 'rootfs') ?? `${storage}:4`, storage)];
  for (const key of Object.keys(params).filter((k) => /^mp\d+$/.test(k)).sort()) requests.push(parseDiskRequest(sim, key, strParam(params, key) ?? '', storage));

  const ct: ContainerState = { vmid, node, config: new Map([['lock', 'create']]), status: 'stopped', createdAtMs: sim.nowMs() };
  sim.state.containers.set(vmid, ct);

  const task = sim.tasks.start({
    node,
    type: 'vzcreate',
    id: String(vmid),
    user: auth.fullUser,
    vmid,
    flock: vmid,
    work: (ctx) => runCreate(sim, ctx, ct, params, requests, ostemplate, volumePath(tplStorage, tpl.volname)),
  });
  return task.upid;
}

async function runCreate(sim: SimContext, ctx: TaskContext, ct: ContainerState, params: Params, requests: DiskRequest[], ostemplate: string, tplPath: string): Promise<void> {
  const { vmid, node } = ct;
  const allocated: string[] = [];
  try {
    const template = sim.state.volume(node, ostemplate);
    if (!template) throw new TaskFailure(`volume '${ostemplate}' does not exist`);
    const resolved = template.image ? sim.images.resolve(template.image) : undefined;
    const disks = new Map<string, string>();
    for (const req of requests) {
      const volid = allocateDisk(sim, ctx, node, req.storage, vmid, req.size);
      allocated.push(volid);
      disks.set(req.key, diskValue(volid, req.size, req.options));
    }
    ctx.log(`Creating filesystem with ${requests[0].size / 4096} 4k blocks and ${requests[0].size / 16384} inodes`);
    if (template.image) ctx.log('Detected OCI archive');
    ctx.log(`extracting archive '${tplPath}'`);
    await ctx.step(2000);
    ctx.log(`Total bytes read: ${template.size} (${Math.round(template.size / 1048576)}MiB, 96MiB/s)`);
    ctx.log('Detected container architecture: amd64');
    await ctx.step(1000);
    const appliance = template.appliance ? findAppliance(template.appliance) : undefined;
    const image = resolved && 'image' in resolved ? resolved.image : undefined;
    const ostype = image?.ostype ?? (appliance?.os.startsWith('ubuntu') ? 'ubuntu' : appliance?.os.startsWith('alpine') ? 'alpine' : 'debian');
    const conf = buildConfig(params, vmid, disks, ostype);
    const runtime = image && resolved && 'image' in resolved ? imageRuntimeConfig(image, resolved.tag) : undefined;
    if (runtime) applyOciImageConfig(conf, runtime, containerFeatures(sim.options.containerVersion), (line) => ctx.log(line));
    if (sim.state.containers.get(vmid) !== ct) throw new TaskFailure(`CT ${vmid} vanished during create`);
    ct.config = conf;
    if (image && resolved && 'image' in resolved) {
      const path = runtime ? pathNeedingWorkingDir(runtime.config) : undefined;
      const needsWorkingDir = runtime && path ? { dir: runtime.config.WorkingDir, path } : undefined;
      ct.image = { repository: image.repository, tag: resolved.tag, ports: image.ports, page: image.page, tcpBanner: image.tcpBanner, data: runtime?.data, needsWorkingDir };
    } else if (appliance) {
      ct.image = { repository: appliance.package, tag: appliance.version, ports: appliance.ports, page: appliance.page };
    }
  } catch (err) {
    if (err instanceof TaskAborted) throw err;
    for (const volid of allocated) sim.state.removeVolume(node, volid);
    if (sim.state.containers.get(vmid) === ct) sim.state.containers.delete(vmid);
    throw new TaskFailure(`unable to create CT ${vmid} - ${err instanceof Error ? err.message.replace(/\n$/, '') : String(err)}`);
  }
  if (boolParam(params, 'start')) {
    ctx.log(`starting CT ${vmid}`);
    const failure = sim.faults.takeTaskFailure('vzstart', vmid);
    if (failure !== undefined) throw new TaskFailure(failure);
    await bringUp(sim, ct, ctx);
  }
}
