import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ContainerImage, ContainerState, SimState, SnapshotState } from './sim-state';
import type { VolumeState } from './storage-model';

/** What `--state-file` keeps across restarts: containers, volumes, the token secret. Not tasks. */
interface StateFileV1 {
  version: 1;
  tokenSecret: string;
  containers: Array<{
    vmid: number;
    node: string;
    config: Array<[string, string]>;
    status: 'running' | 'stopped';
    createdAtMs: number;
    startedAt?: number;
    pid?: number;
    image?: ContainerImage;
    pending?: Array<[string, string]>;
    pendingDelete?: string[];
    snapshots?: Array<{ name: string; config: Array<[string, string]>; snaptime: number; description: string; parent?: string }>;
  }>;
  volumes: VolumeState[];
}

export function serializeState(state: SimState, tokenSecret: string): string {
  const doc: StateFileV1 = {
    version: 1,
    tokenSecret,
    containers: [...state.containers.values()].map((ct) => ({
      vmid: ct.vmid,
      node: ct.node,
      config: [...ct.config],
      status: ct.status,
      createdAtMs: ct.createdAtMs,
      startedAt: ct.startedAt,
      pid: ct.pid,
      image: ct.image,
      pending: ct.pending ? [...ct.pending] : undefined,
      pendingDelete: ct.pendingDelete ? [...ct.pendingDelete] : undefined,
      snapshots: ct.snapshots ? [...ct.snapshots.values()].map((s) => ({ ...s, config: [...s.config] })) : undefined,
    })),
    volumes: [...state.volumes.values()],
  };
  return `${JSON.stringify(doc, null, 1)}\n`;
}

/** Writes atomically (temp file + rename) so a crash never leaves half a file. */
export function saveStateFile(path: string, state: SimState, tokenSecret: string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, serializeState(state, tokenSecret));
  renameSync(tmp, path);
}

/** Loads a state file into `state` (containers on unknown nodes are dropped); returns its token secret. */
export function loadStateFile(path: string, state: SimState): { tokenSecret?: string } {
  if (!existsSync(path)) return {};
  const doc = JSON.parse(readFileSync(path, 'utf8')) as StateFileV1;
  if (doc.version !== 1) throw new Error(`${path}: unsupported state file version ${String(doc.version)}`);
  state.reset();
  for (const c of doc.containers) {
    if (!state.node(c.node)) continue;
    const snapshots = c.snapshots ? new Map<string, SnapshotState>(c.snapshots.map((s) => [s.name, { ...s, config: new Map(s.config) }])) : undefined;
    const ct: ContainerState = {
      vmid: c.vmid,
      node: c.node,
      config: new Map(c.config),
      status: c.status,
      createdAtMs: c.createdAtMs,
      startedAt: c.startedAt,
      pid: c.pid,
      image: c.image,
      pending: c.pending ? new Map(c.pending) : undefined,
      pendingDelete: c.pendingDelete ? new Set(c.pendingDelete) : undefined,
      snapshots,
    };
    state.containers.set(ct.vmid, ct);
  }
  for (const v of doc.volumes) if (state.node(v.node)) state.addVolume(v);
  return { tokenSecret: doc.tokenSecret };
}
