import { TicketAuthority } from './ticket-authority';

describe('TicketAuthority', () => {
  let now = 1_729_080_000;
  const authority = new TicketAuthority(() => now, Buffer.alloc(32, 7));

  beforeEach(() => {
    now = 1_729_080_000;
  });

  it('issues tickets in the PVE shape and verifies them', () => {
    const ticket = authority.issueTicket('root@pam');
    expect(ticket).toMatch(/^PVE:root@pam:[0-9A-F]{8}::[A-Za-z0-9+/]+=*$/);
    expect(ticket.split(':')[2]).toBe(now.toString(16).toUpperCase());
    expect(authority.verifyTicket(ticket)).toBe('root@pam');
  });

  it('rejects tampered and expired tickets', () => {
    const ticket = authority.issueTicket('root@pam');
    expect(authority.verifyTicket(ticket.replace('root@pam', 'admin@pve'))).toBeUndefined();
    now += 7199;
    expect(authority.verifyTicket(ticket)).toBe('root@pam');
    now += 1;
    expect(authority.verifyTicket(ticket)).toBeUndefined();
  });

  it('binds CSRF tokens to the user, without base64 padding', () => {
    const csrf = authority.issueCsrf('root@pam');
    expect(csrf).toMatch(/^[0-9A-F]{8}:[A-Za-z0-9+/]+$/);
    expect(authority.verifyCsrf(csrf, 'root@pam')).toBe(true);
    expect(authority.verifyCsrf(csrf, 'other@pve')).toBe(false);
    expect(authority.verifyCsrf('garbage', 'root@pam')).toBe(false);
  });
});
