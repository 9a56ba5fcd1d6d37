import type { NodeFetch, NodeFetchInit, NodeFetchResponse } from './node-http.fetch';
import { PveError } from './pve-error';
import { ProxmoxApiTransport } from './pve-transport';

const JSON_TYPE = 'application/json;charset=UTF-8';

function response(status: number, statusText: string, body?: unknown): NodeFetchResponse {
  const text = body === undefined ? '' : JSON.stringify(body);
  return {
    status,
    statusText,
    ok: status === 200,
    // PVE's auth-layer 401s carry no body and no Content-Type.
    headers: { get: (name: string) => (name.toLowerCase() === 'content-type' && body !== undefined ? JSON_TYPE : null) },
    body: null,
    text: () => Promise.resolve(text),
    json: () => Promise.resolve(JSON.parse(text) as unknown),
  };
}

/** A tiny in-memory PVE: ticket login plus GET /version, with a switch to expire tickets. */
class FakePve {
  logins = 0;
  requests: { url: string; init: NodeFetchInit }[] = [];
  validTicket = '';
  expiredPhrase = 'Authentication failed!';

  readonly fetch: NodeFetch = (input, init = {}) => {
    const url = String(input);
    this.requests.push({ url, init });
    if (url.endsWith('/access/ticket')) {
      const form = new URLSearchParams(init.body ?? '');
      if (form.get('password') !== 'secret') return Promise.resolve(response(401, 'authentication failure', { data: null, message: 'authentication failure\n' }));
      this.logins++;
      this.validTicket = `PVE:root@pam:0000000${this.logins}::sig`;
      return Promise.resolve(response(200, 'OK', { data: { ticket: this.validTicket, CSRFPreventionToken: `csrf${this.logins}`, username: 'root@pam' } }));
    }
    const auth = init.headers?.cookie ?? init.headers?.Authorization ?? '';
    if (auth === `PVEAuthCookie=${this.validTicket}` || auth.startsWith('PVEAPIToken=root@pam!proxdeck=')) {
      return Promise.resolve(response(200, 'OK', { data: { version: '9.1.5', release: '9.1' } }));
    }
    return Promise.resolve(response(401, this.expiredPhrase));
  };

  expireTickets(): void {
    this.validTicket = 'expired-for-everyone';
  }
}

const URL_SETTINGS = { url: 'https://pve.lan:8006', verifyTls: false };

describe('ProxmoxApiTransport', () => {
  it('logs in again once when PVE >= 9.1.5 answers "Authentication failed!" to an expired ticket', async () => {
    const pve = new FakePve();
    const transport = new ProxmoxApiTransport({ ...URL_SETTINGS, username: 'root@pam', password: 'secret' }, { fetch: pve.fetch });
    await expect(transport.request('GET', '/version')).resolves.toEqual({ version: '9.1.5', release: '9.1' });
    expect(pve.logins).toBe(1);

    pve.expireTickets();
    await expect(transport.request('GET', '/version')).resolves.toMatchObject({ version: '9.1.5' });
    expect(pve.logins).toBe(2);
    transport.close();
  });

  it('still works with the older "invalid PVE ticket" phrase the engine renews itself', async () => {
    const pve = new FakePve();
    pve.expiredPhrase = 'permission denied - invalid PVE ticket';
    const transport = new ProxmoxApiTransport({ ...URL_SETTINGS, password: 'secret' }, { fetch: pve.fetch });
    await transport.request('GET', '/version');
    pve.expireTickets();
    await expect(transport.request('GET', '/version')).resolves.toMatchObject({ version: '9.1.5' });
    expect(pve.logins).toBe(2);
    transport.close();
  });

  it('reports a wrong password as auth without looping', async () => {
    const pve = new FakePve();
    const transport = new ProxmoxApiTransport({ ...URL_SETTINGS, password: 'wrong' }, { fetch: pve.fetch });
    const err = (await transport.request('GET', '/version').catch((e: unknown) => e)) as PveError;
    expect(err).toBeInstanceOf(PveError);
    expect(err.kind).toBe('auth');
    expect(err.status).toBe(401);
    expect(pve.requests.filter((r) => r.url.endsWith('/access/ticket'))).toHaveLength(1);
    transport.close();
  });

  it('sends the API token header and does not retry a refused token', async () => {
    const pve = new FakePve();
    const good = new ProxmoxApiTransport(
      { ...URL_SETTINGS, tokenId: 'root@pam!proxdeck', tokenSecret: '01234567-89ab-cdef-0123-456789abcdef' },
      { fetch: pve.fetch },
    );
    await expect(good.request('GET', '/version')).resolves.toMatchObject({ release: '9.1' });
    expect(pve.requests[0].init.headers?.Authorization).toBe('PVEAPIToken=root@pam!proxdeck=01234567-89ab-cdef-0123-456789abcdef');

    const bad = new ProxmoxApiTransport(
      { ...URL_SETTINGS, tokenId: 'root@pam!other', tokenSecret: '01234567-89ab-cdef-0123-456789abcdef' },
      { fetch: pve.fetch },
    );
    const before = pve.requests.length;
    await expect(bad.request('GET', '/version')).rejects.toMatchObject({ kind: 'auth', status: 401 });
    expect(pve.requests.length - before).toBe(1);
    good.close();
    bad.close();
  });

  it('rejects malformed credentials as auth before any request', async () => {
    const pve = new FakePve();
    const transport = new ProxmoxApiTransport({ ...URL_SETTINGS, tokenId: 'root@pam!x', tokenSecret: 'NOT-A-UUID' }, { fetch: pve.fetch });
    await expect(transport.request('GET', '/version')).rejects.toMatchObject({ kind: 'auth' });
    const none = new ProxmoxApiTransport({ ...URL_SETTINGS }, { fetch: pve.fetch });
    await expect(none.request('GET', '/version')).rejects.toMatchObject({ kind: 'auth' });
    expect(pve.requests).toHaveLength(0);
    transport.close();
    none.close();
  });

  it('turns a refused connection into retryable unreachable, retrying a read once', async () => {
    let calls = 0;
    const refuse: NodeFetch = () => {
      calls++;
      const cause = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:8006'), { code: 'ECONNREFUSED' });
      return Promise.reject(new TypeError('fetch failed', { cause }));
    };
    const transport = new ProxmoxApiTransport(
      { ...URL_SETTINGS, tokenId: 'root@pam!proxdeck', tokenSecret: '01234567-89ab-cdef-0123-456789abcdef' },
      { fetch: refuse },
    );
    await expect(transport.request('GET', '/nodes')).rejects.toMatchObject({
      kind: 'unreachable',
      retryable: true,
      code: 'ECONNREFUSED',
      url: 'https://pve.lan:8006/api2/json/nodes',
    });
    expect(calls).toBe(2);
    // Writes are not repeated behind the caller's back.
    await expect(transport.request('POST', '/nodes/pve/lxc/100/status/start')).rejects.toMatchObject({ kind: 'unreachable' });
    expect(calls).toBe(3);
    transport.close();
  });

  it('reports a certificate failure during ticket login as unreachable, not retryable', async () => {
    const untrusted: NodeFetch = () =>
      Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }) }));
    const transport = new ProxmoxApiTransport({ ...URL_SETTINGS, password: 'secret' }, { fetch: untrusted });
    await expect(transport.request('GET', '/version')).rejects.toMatchObject({
      kind: 'unreachable',
      retryable: false,
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    transport.close();
  });

  it('does not let the engine mutate the caller params', async () => {
    const pve = new FakePve();
    const transport = new ProxmoxApiTransport({ ...URL_SETTINGS, password: 'secret' }, { fetch: pve.fetch });
    const params = { type: undefined, content: 'vztmpl' };
    await transport.request('GET', '/version', params);
    expect(Object.keys(params)).toEqual(['type', 'content']);
    expect(pve.requests.at(-1)?.url).toBe('https://pve.lan:8006/api2/json/version?content=vztmpl');
    transport.close();
  });
});
