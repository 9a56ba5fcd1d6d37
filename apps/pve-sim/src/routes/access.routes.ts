import { ApiError } from '../params/api-error';
import { strParam } from '../params/param-schema';
import type { RouteDef } from '../http/router';

const PRIVS = {
  vms: ['VM.Allocate', 'VM.Audit', 'VM.Backup', 'VM.Clone', 'VM.Config.CDROM', 'VM.Config.CPU', 'VM.Config.Cloudinit', 'VM.Config.Disk', 'VM.Config.HWType', 'VM.Config.Memory', 'VM.Config.Network', 'VM.Config.Options', 'VM.Console', 'VM.Migrate', 'VM.PowerMgmt', 'VM.Snapshot', 'VM.Snapshot.Rollback', 'Permissions.Modify'],
  storage: ['Datastore.Allocate', 'Datastore.AllocateSpace', 'Datastore.AllocateTemplate', 'Datastore.Audit', 'Permissions.Modify'],
  access: ['Group.Allocate', 'Permissions.Modify', 'Realm.Allocate', 'Realm.AllocateUser', 'User.Modify'],
  nodes: ['Permissions.Modify', 'Sys.AccessNetwork', 'Sys.Audit', 'Sys.Console', 'Sys.Incoming', 'Sys.Modify', 'Sys.PowerMgmt', 'Sys.Syslog'],
  sdn: ['Permissions.Modify', 'SDN.Allocate', 'SDN.Audit', 'SDN.Use'],
  dc: ['Sys.Audit', 'Sys.Modify', 'SDN.Allocate', 'SDN.Audit'],
  mapping: ['Mapping.Audit', 'Mapping.Modify', 'Mapping.Use', 'Permissions.Modify'],
};

const rootCap = (): Record<string, Record<string, number>> =>
  Object.fromEntries(Object.entries(PRIVS).map(([area, privs]) => [area, Object.fromEntries(privs.map((p) => [p, 1]))]));

const USERNAME = { type: 'string', maxLength: 64 } as const;

/** `/access/ticket` (pve-access-control `create_ticket`): password login and ticket renewal. */
export const accessRoutes: RouteDef[] = [
  { method: 'GET', path: '/access/ticket', handler: () => null },
  {
    method: 'POST',
    path: '/access/ticket',
    allowToken: false,
    schema: {
      username: USERNAME,
      password: { type: 'string' },
      realm: { type: 'string', optional: true },
      otp: { type: 'string', optional: true },
      path: { type: 'string', optional: true, maxLength: 64 },
      privs: { type: 'string', optional: true, maxLength: 64 },
      'new-format': { type: 'boolean', optional: true },
      'tfa-challenge': { type: 'string', optional: true },
    },
    handler: async ({ params, sim }) => {
      const realm = strParam(params, 'realm');
      let username = strParam(params, 'username') ?? '';
      if (realm && !username.includes('@')) username = `${username}@${realm}`;
      const password = strParam(params, 'password') ?? '';
      const ok = username === 'root@pam' && (password === sim.options.rootPassword || sim.tickets.verifyTicket(password) === username);
      if (!ok) {
        // Login failures are 401s with a JSON body, delayed like every 401.
        if (sim.options.authDelayMs > 0) await new Promise((r) => setTimeout(r, sim.options.authDelayMs));
        throw new ApiError(401, 'authentication failure');
      }
      if (strParam(params, 'path') !== undefined) return { username };
      const data: Record<string, unknown> = { username, ticket: sim.tickets.issueTicket(username), CSRFPreventionToken: sim.tickets.issueCsrf(username), cap: rootCap() };
      // Only clusters (more than one node) have a name.
      if (sim.state.nodes.length > 1) data['clustername'] = 'proxdeck-sim';
      return data;
    },
  },
  {
    method: 'GET',
    path: '/access/domains',
    handler: () => [
      { realm: 'pam', type: 'pam', comment: 'Linux PAM standard authentication' },
      { realm: 'pve', type: 'pve', comment: 'Proxmox VE authentication server' },
    ],
  },
];
