import { authenticate, extractAuthValue, type AuthSettings } from './authenticate';
import { AccessControl } from '../access/access-control';
import { TicketAuthority } from './ticket-authority';

describe('authenticate', () => {
  const tickets = new TicketAuthority(() => 1_729_080_000, Buffer.alloc(32, 1));
  const secret = '11111111-2222-3333-4444-555555555555';
  const access = new AccessControl({ password: () => 'pw', tokenId: 'root@pam!proxdeck', tokenSecret: () => secret });
  const settings: AuthSettings = {
    tickets,
    verifyToken: (id, value) => access.verifyToken(id, value, 1_729_080_000),
    invalidTicketText: 'permission denied - invalid PVE ticket',
  };
  const ticket = tickets.issueTicket('root@pam');
  const csrf = tickets.issueCsrf('root@pam');

  it('extracts cookie values like Formatter.pm', () => {
    expect(extractAuthValue('a=b; PVEAuthCookie=PVE%3Aroot@pam%3Ax; c=d', 'PVEAuthCookie')).toBe('PVE:root@pam:x');
    expect(extractAuthValue('PVEAPIToken root@pam!t=s', 'PVEAPIToken')).toBe('root@pam!t=s');
  });

  it('accepts a ticket cookie for GET without CSRF and requires CSRF otherwise', () => {
    expect(authenticate({ cookie: `PVEAuthCookie=${ticket}` }, 'GET', settings)).toMatchObject({ ok: true, auth: { user: 'root@pam' } });
    expect(authenticate({ cookie: `PVEAuthCookie=${ticket}` }, 'POST', settings)).toEqual({ ok: false, statusText: 'Permission denied - invalid csrf token' });
    expect(authenticate({ cookie: `PVEAuthCookie=${ticket}`, csrfpreventiontoken: csrf }, 'POST', settings)).toMatchObject({ ok: true });
  });

  it('rejects bad tickets and missing credentials with the PVE texts', () => {
    expect(authenticate({ cookie: 'PVEAuthCookie=PVE:root@pam:00000000::x' }, 'GET', settings)).toEqual({ ok: false, statusText: 'permission denied - invalid PVE ticket' });
    expect(authenticate({}, 'GET', settings)).toEqual({ ok: false, statusText: 'No ticket' });
  });

  it('accepts the API token and names the token user', () => {
    const ok = authenticate({ authorization: `PVEAPIToken=root@pam!proxdeck=${secret}` }, 'POST', settings);
    expect(ok).toEqual({ ok: true, auth: { user: 'root@pam', tokenid: 'proxdeck', fullUser: 'root@pam!proxdeck', viaToken: true } });
    expect(authenticate({ authorization: 'PVEAPIToken=root@pam!proxdeck=wrong' }, 'GET', settings)).toEqual({ ok: false, statusText: 'invalid token value!' });
    expect(authenticate({ authorization: `PVEAPIToken=root@pam!other=${secret}` }, 'GET', settings)).toEqual({ ok: false, statusText: "no such token 'other' for user 'root@pam'" });
    expect(authenticate({ authorization: 'PVEAPIToken=root@pam!proxdeck=wrong' }, 'GET', { ...settings, invalidTicketText: 'Authentication failed!' })).toEqual({
      ok: false,
      statusText: 'Authentication failed!',
    });
  });
});
