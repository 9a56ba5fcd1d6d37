import { ApiError } from '../params/api-error';
import { strParam } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import { CAP_PATHS, PRIVS_BY_AREA } from '../access/privileges';
import type { SimContext } from '../sim-context';

/** `cap`: per area, the privileges the user has at its ACL path (root: everything). */
function capOf(sim: SimContext, user: string): Record<string, Record<string, number>> {
  return Object.fromEntries(
    Object.entries(PRIVS_BY_AREA).map(([area, privs]) => {
      const mine = sim.access.privileges(user, CAP_PATHS[area] ?? '/');
      return [area, Object.fromEntries(privs.filter((p) => mine.has(p)).map((p) => [p, 1]))];
    }),
  );
}

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
      const ok = sim.access.verifyPassword(username, password, sim.nowSeconds()) || (sim.access.users.has(username) && sim.tickets.verifyTicket(password) === username);
      if (!ok) {
        // Login failures are 401s with a JSON body, delayed like every 401.
        if (sim.options.authDelayMs > 0) await new Promise((r) => setTimeout(r, sim.options.authDelayMs));
        throw new ApiError(401, 'authentication failure');
      }
      if (strParam(params, 'path') !== undefined) return { username };
      const data: Record<string, unknown> = { username, ticket: sim.tickets.issueTicket(username), CSRFPreventionToken: sim.tickets.issueCsrf(username), cap: capOf(sim, username) };
      // Only clusters (more than one node) have a name, shown to users with Sys.Audit on /.
      if (sim.state.nodes.length > 1 && sim.access.has(username, '/', ['Sys.Audit'], false)) data['clustername'] = 'proxdeck-sim';
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
