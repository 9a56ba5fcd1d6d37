import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { AccessControl, AclEntry, TokenEntry, UserEntry } from '../access/access-control';
import type { TaskRecord, TaskRunner } from '../tasks/task-runner';
import type { ContainerImage, ContainerState, SimState, SnapshotState } from './sim-state';
import type { VolumeState } from './storage-model';

/** The newest finished tasks kept in the file (their logs included); older ones are forgotten. */
export const TASK_HISTORY_LIMIT = 1000;

/** What the state file holds besides the cluster: the token secret, `user.cfg` and the task index. */
export interface PersistedParts {
  tokenSecret: string;
  access: AccessControl;
  tasks: TaskRunner;
}

/**
 * What `--state-file` keeps across restarts: containers, volumes, the token secret, users with
 * their tokens, custom roles, ACLs and finished tasks. Version 1 files (no access, no tasks) load too.
 */
interface StateFile {
  version: 1 | 2;
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
  access?: {
    users: Array<Omit<UserEntry, 'tokens'> & { tokens: TokenEntry[] }>;
    /** Custom roles only: the built-in ones come with every start. */
    roles: Array<{ roleid: string; privs: string[] }>;
    acl: AclEntry[];
  };
  tasks?: TaskRecord[];
}

export function serializeState(state: SimState, parts: PersistedParts): string {
  const { tokenSecret, access, tasks } = parts;
  const doc: StateFile = {
    version: 2,
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
    access: {
      users: [...access.users.values()].map((u) => ({ ...u, tokens: [...u.tokens.values()] })),
      roles: [...access.roles.entries()].filter(([, r]) => !r.special).map(([roleid, r]) => ({ roleid, privs: [...r.privs].sort() })),
      acl: access.acl,
    },
    tasks: tasks
      .list()
      .filter((t) => t.status === 'stopped')
      .sort((a, b) => b.starttime - a.starttime || b.pid - a.pid)
      .slice(0, TASK_HISTORY_LIMIT),
  };
  return `${JSON.stringify(doc, null, 1)}\n`;
}

/** Writes atomically (temp file + rename) so a crash never leaves half a file. */
export function saveStateFile(path: string, state: SimState, parts: PersistedParts): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, serializeState(state, parts));
  renameSync(tmp, path);
}

/**
 * Loads a state file into `state`, `access` and `tasks` (containers, volumes and tasks of unknown
 * nodes are dropped); returns its token secret.
 */
export function loadStateFile(path: string, state: SimState, into: Omit<PersistedParts, 'tokenSecret'>): { tokenSecret?: string } {
  if (!existsSync(path)) return {};
  const doc = JSON.parse(readFileSync(path, 'utf8')) as StateFile;
  if (doc.version !== 1 && doc.version !== 2) throw new Error(`${path}: unsupported state file version ${String(doc.version)}`);
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
  if (doc.access) loadAccess(into.access, doc.access);
  if (doc.tasks) into.tasks.restore(doc.tasks.filter((t) => state.node(t.node) && t.status === 'stopped'));
  return { tokenSecret: doc.tokenSecret };
}

/** Users (root@pam's own token secret stays the configured one), custom roles and ACLs on top of a fresh install. */
function loadAccess(access: AccessControl, saved: NonNullable<StateFile['access']>): void {
  access.reset();
  for (const u of saved.users) {
    const { tokens, ...user } = u;
    const fresh = access.users.get(user.userid);
    access.users.set(user.userid, { ...user, tokens: new Map([...(fresh?.tokens ?? []), ...tokens.map((t) => [t.tokenid, t] as const)]) });
  }
  for (const r of saved.roles) if (!access.roles.get(r.roleid)?.special) access.roles.set(r.roleid, { privs: new Set(r.privs), special: false });
  access.acl = [...saved.acl];
}
