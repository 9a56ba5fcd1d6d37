import { permissionMessage } from '../access/permission-check';
import type { AuthInfo } from '../auth/authenticate';
import { ApiError, paramError } from '../params/api-error';
import { numParam, strParam, boolParam, type Params } from '../params/param-schema';
import { ApiResult, type RouteDef } from '../http/router';
import type { SimContext } from '../sim-context';
import type { TaskRecord } from '../tasks/task-runner';
import { parseUpid } from '../tasks/upid';

/** A task of this node; other users' tasks need `priv` on /nodes/<node> (Tasks.pm). */
function findTask(sim: SimContext, params: Params, auth: AuthInfo, priv = 'Sys.Audit'): TaskRecord {
  const upid = strParam(params, 'upid') ?? '';
  if (!parseUpid(upid)) throw paramError({ upid: 'unable to parse worker upid' });
  const task = sim.tasks.get(upid);
  if (!task || task.node !== strParam(params, 'node')) throw paramError({ upid: 'no such task' });
  if (!ownsTask(auth, task.user) && !sim.access.has(auth.fullUser, `/nodes/${task.node}`, [priv], false)) {
    throw new ApiError(403, permissionMessage(`/nodes/${task.node}, ${priv}`));
  }
  return task;
}

/**
 * `$check_task_user` (pve-manager PVE/API2/Tasks.pm L19-37): a token sees its own tasks, a user
 * its own and its tokens'.
 */
function ownsTask(auth: AuthInfo, taskUser: string): boolean {
  return taskUser === auth.fullUser || (taskUser.includes('!') && taskUser.split('!')[0] === auth.fullUser);
}

/**
 * Listed: own tasks (for a running one, listed from the active file unconverted, only the exact
 * id), or all with Sys.Audit on the task's node (Tasks.pm L186-206).
 */
const visibleTask = (sim: SimContext, auth: AuthInfo, t: TaskRecord): boolean =>
  (t.status === 'running' ? t.user === auth.fullUser : ownsTask(auth, t.user)) || sim.access.has(auth.fullUser, `/nodes/${t.node}`, ['Sys.Audit'], false);

/** A list entry's `user` (and `tokenid`): archived token tasks are split, running ones are not (Tasks.pm L219, L228-238). */
function listedUser(t: TaskRecord): Record<string, string> {
  return t.status === 'running' ? { user: t.user, saved: '0' } : userFields(t);
}

const TASK_STATUSES = ['ok', 'warning', 'error', 'unknown'];

/** For token tasks `user` is the bare user and `tokenid` holds the token name. */
function userFields(task: TaskRecord): Record<string, string> {
  const m = /^(.+?)!(.+)$/.exec(task.user);
  return m ? { user: m[1], tokenid: m[2] } : { user: task.user };
}

function statusOf(task: TaskRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { upid: task.upid, node: task.node, pid: task.pid, pstart: task.pstart, starttime: task.starttime, type: task.type, id: task.id, ...userFields(task), status: task.status };
  if (task.status === 'stopped') out['exitstatus'] = task.exitstatus;
  return out;
}

function statusClass(task: TaskRecord): 'ok' | 'warning' | 'error' | 'unknown' {
  if (task.exitstatus === 'OK') return 'ok';
  if (task.exitstatus?.startsWith('WARNINGS')) return 'warning';
  return task.exitstatus ? 'error' : 'unknown';
}

export const taskRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/cluster/tasks',
    // pve-manager PVE/API2/Cluster.pm L749-769: all with Sys.Audit on /, else the tasks whose
    // (split) user is the caller: a user sees its tokens' tasks, a token none.
    handler: ({ sim, auth }) =>
      sim.tasks
        .list()
        .filter((t) => sim.access.has(auth.fullUser, '/', ['Sys.Audit'], false) || userFields(t)['user'] === auth.fullUser)
        .sort((a, b) => b.starttime - a.starttime || b.pid - a.pid)
        .slice(0, 50)
        .map((t) => {
          const item: Record<string, unknown> = { upid: t.upid, node: t.node, pid: t.pid, pstart: t.pstart, starttime: t.starttime, type: t.type, id: t.id, ...userFields(t), saved: '1' };
          if (t.status === 'stopped') {
            item['endtime'] = t.endtime;
            item['status'] = t.exitstatus;
          }
          return item;
        }),
  },
  {
    method: 'GET',
    path: '/nodes/{node}/tasks',
    schema: {
      start: { type: 'integer', optional: true, minimum: 0 },
      limit: { type: 'integer', optional: true, minimum: 0 },
      vmid: { type: 'integer', optional: true, format: 'pve-vmid', minimum: 100, maximum: 999999999 },
      typefilter: { type: 'string', optional: true },
      userfilter: { type: 'string', optional: true },
      errors: { type: 'boolean', optional: true },
      source: { type: 'string', optional: true, enum: ['archive', 'active', 'all'] },
      statusfilter: { type: 'string', optional: true },
      since: { type: 'integer', optional: true },
      until: { type: 'integer', optional: true },
    },
    handler: ({ params, sim, auth }) => {
      const node = strParam(params, 'node');
      const source = strParam(params, 'source') ?? 'archive';
      const vmid = numParam(params, 'vmid');
      const typefilter = strParam(params, 'typefilter');
      const userfilter = strParam(params, 'userfilter');
      const statuses = strParam(params, 'statusfilter')?.split(/[;, ]+/).map((x) => x.toLowerCase());
      const bad = statuses?.find((x) => !TASK_STATUSES.includes(x));
      if (bad !== undefined) throw paramError({ statusfilter: `invalid status '${bad}'` });
      // `errors` wins over `statusfilter` and means everything but ok (Tasks.pm L167-179).
      const wanted = boolParam(params, 'errors') ? ['warning', 'error', 'unknown'] : statuses;
      const since = numParam(params, 'since');
      const until = numParam(params, 'until');
      const all = sim.tasks
        .list()
        .filter((t) => t.node === node && visibleTask(sim, auth, t))
        .filter((t) => (source === 'archive' ? t.status === 'stopped' : source === 'active' ? t.status === 'running' : true))
        .filter((t) => vmid === undefined || t.id === String(vmid))
        .filter((t) => !typefilter || t.type === typefilter)
        .filter((t) => !userfilter || (listedUser(t)['user'] ?? '').toLowerCase().includes(userfilter.toLowerCase()))
        .filter((t) => !wanted || wanted.includes(statusClass(t)))
        .filter((t) => since === undefined || t.starttime >= since)
        .filter((t) => until === undefined || t.starttime <= until)
        .sort((a, b) => b.starttime - a.starttime || b.pid - a.pid);
      const start = numParam(params, 'start') ?? 0;
      const limit = numParam(params, 'limit') ?? 50;
      // `limit=0` lists nothing; `total` counts every match (Tasks.pm L203).
      const page = all.slice(start, start + limit).map((t) => {
        const item: Record<string, unknown> = { upid: t.upid, node: t.node, pid: t.pid, pstart: t.pstart, starttime: t.starttime, type: t.type, id: t.id, ...listedUser(t) };
        if (t.status === 'stopped') {
          item['endtime'] = t.endtime;
          item['status'] = t.exitstatus;
        } else item['status'] = 'RUNNING';
        return item;
      });
      return new ApiResult(page, all.length);
    },
  },
  {
    method: 'GET',
    path: '/nodes/{node}/tasks/{upid}',
    handler: ({ params, sim, auth }) => {
      findTask(sim, params, auth);
      return [{ name: 'log' }, { name: 'status' }];
    },
  },
  {
    method: 'DELETE',
    path: '/nodes/{node}/tasks/{upid}',
    handler: ({ params, sim, auth }) => {
      const task = findTask(sim, params, auth, 'Sys.Modify');
      if (task.status === 'running') sim.tasks.stop(task.upid);
      return null;
    },
  },
  {
    method: 'GET',
    path: '/nodes/{node}/tasks/{upid}/status',
    handler: ({ params, sim, auth }) => statusOf(findTask(sim, params, auth)),
  },
  {
    method: 'GET',
    path: '/nodes/{node}/tasks/{upid}/log',
    schema: {
      start: { type: 'integer', optional: true, minimum: 0 },
      limit: { type: 'integer', optional: true, minimum: 0 },
      download: { type: 'boolean', optional: true },
    },
    handler: ({ params, sim, auth }) => {
      // pve-manager PVE/API2/Tasks.pm L397-442: no existence check; pve-common Tools.pm
      // dump_logfile L801-807 answers an unreadable file with one line.
      const upid = strParam(params, 'upid') ?? '';
      const parsed = parseUpid(upid);
      if (!parsed) throw paramError({ upid: 'unable to parse worker upid' });
      const known = sim.tasks.get(upid);
      if (!known || known.node !== strParam(params, 'node')) {
        const owner = parsed.user === auth.fullUser || parsed.user.split('!')[0] === auth.fullUser;
        if (!owner && !sim.access.has(auth.fullUser, `/nodes/${strParam(params, 'node') ?? ''}`, ['Sys.Audit'], false)) {
          throw new ApiError(403, permissionMessage(`/nodes/${strParam(params, 'node') ?? ''}, Sys.Audit`));
        }
        return new ApiResult([{ n: 1, t: 'unable to open file - No such file or directory' }], 1);
      }
      const task = findTask(sim, params, auth);
      const start = numParam(params, 'start') ?? 0;
      const limit = numParam(params, 'limit') ?? 50;
      if (task.log.length === 0) return new ApiResult([{ n: 1, t: 'no content' }], 1);
      const lines = task.log.slice(start, limit > 0 ? start + limit : undefined).map((t, i) => ({ n: start + i + 1, t }));
      return new ApiResult(lines, task.log.length);
    },
  },
];
