import { classifyPveError, parseHttpFailure } from './classify-pve-error';
import { PveError } from './pve-error';

const BASE = 'https://pve.lan:8006/api2/json';

/** Exactly how proxmox-api 1.1.1 formats 400/401/500 failures. */
function returnError(method: string, path: string, status: number, statusText: string, body: unknown): Error {
  return new Error(`${method} ${BASE}${path} return Error ${status} ${statusText}: ${JSON.stringify(body)}`);
}
/** ...and every other status. */
function connectionFailed(method: string, path: string, status: number, statusText: string, body: unknown): Error {
  return new Error(`${method} ${BASE}${path} connection failed with ${status} ${statusText} return: ${JSON.stringify(body)}`);
}
/** A fetch failure: the engine's wrapper around undici's TypeError around the Node error. */
function networkFailure(method: string, path: string, code: string, text: string): Error {
  const nodeError = Object.assign(new Error(text), { code });
  const fetchError = new TypeError('fetch failed', { cause: nodeError });
  const err = new Error(`FaILED to call ${method} ${BASE}${path} cause by:${text}`);
  (err as Error & { cause?: unknown }).cause = fetchError;
  return err;
}

describe('classifyPveError', () => {
  describe('400 parameter errors', () => {
    it('parses field errors from the JSON body (PVE 9 with message)', () => {
      const err = classifyPveError(
        returnError('POST', '/nodes/pve/lxc', 400, 'Parameter verification failed.', {
          data: null,
          errors: { vmid: 'invalid format - value does not look like a valid VM ID\n', memory: 'value must have a minimum value of 16\n' },
          message: 'Parameter verification failed.\n',
        }),
      );
      expect(err).toBeInstanceOf(PveError);
      expect(err.kind).toBe('invalid');
      expect(err.retryable).toBe(false);
      expect(err.status).toBe(400);
      expect(err.pveMessage).toBe('Parameter verification failed.');
      expect(err.fieldErrors).toEqual({
        vmid: 'invalid format - value does not look like a valid VM ID',
        memory: 'value must have a minimum value of 16',
      });
      expect(err.method).toBe('POST');
      expect(err.url).toBe(`${BASE}/nodes/pve/lxc`);
    });

    it('parses the PVE 7/8 body without message', () => {
      const err = classifyPveError(
        returnError('POST', '/nodes/pve/lxc/100/status/shutdown', 400, 'Parameter verification failed.', {
          data: null,
          errors: { 'overrule-shutdown': 'property is not defined in schema and the schema does not allow additional properties' },
        }),
      );
      expect(err.kind).toBe('invalid');
      expect(err.fieldErrors?.['overrule-shutdown']).toMatch(/not defined in schema/);
    });

    it('treats "VM N already exists" from nextid as a conflict', () => {
      const err = classifyPveError(
        returnError('GET', '/cluster/nextid?vmid=100', 400, 'Parameter verification failed.', {
          data: null,
          errors: { vmid: 'VM 100 already exists' },
        }),
      );
      expect(err.kind).toBe('conflict');
      expect(err.retryable).toBe(false);
      expect(err.fieldErrors).toEqual({ vmid: 'VM 100 already exists' });
    });

    it('treats an unknown task as not-found', () => {
      const err = classifyPveError(
        returnError('GET', '/nodes/pve/tasks/UPID:x/status', 400, 'Parameter verification failed.', { data: null, errors: { upid: 'no such task' } }),
      );
      expect(err.kind).toBe('not-found');
    });
  });

  describe('401', () => {
    it.each(['Authentication failed!', 'permission denied - invalid PVE ticket', 'No ticket', 'invalid token value!'])(
      'is auth for the empty-body status "%s"',
      (statusText) => {
        // No Content-Type on auth-layer 401s: the engine stores the (empty) text under `errors`.
        const err = classifyPveError(returnError('GET', '/version', 401, statusText, { data: null, errors: '' }));
        expect(err.kind).toBe('auth');
        expect(err.status).toBe(401);
        expect(err.retryable).toBe(false);
        expect(err.pveMessage).toBe(statusText);
      },
    );

    it('is auth when the ticket login itself fails', () => {
      const err = new Error(`Auth ${BASE}/access/ticket Failed!`);
      (err as Error & { cause?: unknown }).cause = new Error(
        'login failed with 401: authentication failure {"data":null,"message":"authentication failure\\n"}',
      );
      const pve = classifyPveError(err);
      expect(pve.kind).toBe('auth');
      expect(pve.status).toBe(401);
      expect(pve.pveMessage).toBe('authentication failure');
      expect(pve.url).toBe(`${BASE}/access/ticket`);
    });

    it('is unreachable when the login cannot connect', () => {
      const err = new Error(`Auth ${BASE}/access/ticket Failed!`);
      (err as Error & { cause?: unknown }).cause = new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:8006'), { code: 'ECONNREFUSED' }),
      });
      const pve = classifyPveError(err);
      expect(pve.kind).toBe('unreachable');
      expect(pve.code).toBe('ECONNREFUSED');
      expect(pve.retryable).toBe(true);
    });

    it('is auth for a malformed token rejected by proxmox-api', () => {
      const pve = classifyPveError(new Error('invalid tokenSecret, format should be an lowercased UUID like 12345678-1234-1234-1234-1234567890ab'));
      expect(pve.kind).toBe('auth');
    });
  });

  it('is permission for a 403 (reported by the engine as "connection failed")', () => {
    const err = classifyPveError(
      connectionFailed('POST', '/nodes/pve/lxc/100/status/start', 403, 'Permission check failed (/vms/100, VM.PowerMgmt)', {
        data: null,
        message: 'Permission check failed (/vms/100, VM.PowerMgmt)\n',
      }),
    );
    expect(err.kind).toBe('permission');
    expect(err.status).toBe(403);
    expect(err.retryable).toBe(false);
    expect(err.pveMessage).toBe('Permission check failed (/vms/100, VM.PowerMgmt)');
  });

  describe('500 business errors', () => {
    it.each([
      ["CT 100 already exists on node 'pve'", 'conflict', false],
      ["unable to create CT 100 - CT 100 already exists on node 'pve'", 'conflict', false],
      ['CT 100 already running', 'conflict', false],
      ['CT 100 not running', 'conflict', false],
      ['VM 100 not running', 'conflict', false],
      ['unable to destroy CT 100 - container is running', 'conflict', false],
      ['detected modified configuration - file changed by other user? Try again.', 'conflict', false],
      ['CT is locked (disk)', 'locked', true],
      ['CT is locked (backup)', 'locked', true],
      ["can't lock file '/run/lock/lxc/pve-config-100.lock' - got timeout", 'locked', true],
      ["Configuration file 'nodes/pve/lxc/123.conf' does not exist", 'not-found', false],
      ["can't remove CT 100 - protection mode enabled", 'conflict', false],
      ['cluster not ready - no quorum?', 'server', true],
      ['unable to get any free VMID in range [100, 1000000]', 'server', false],
    ] as const)('"%s" -> %s (retryable %s)', (text, kind, retryable) => {
      const err = classifyPveError(returnError('POST', '/nodes/pve/lxc', 500, text, { data: null, message: `${text}\n` }));
      expect(err.kind).toBe(kind);
      expect(err.retryable).toBe(retryable);
      expect(err.status).toBe(500);
      expect(err.pveMessage).toBe(text);
    });

    it('reads the status line when an older server sends {"data":null} only', () => {
      const err = classifyPveError(returnError('DELETE', '/nodes/pve/lxc/100', 500, 'CT is locked (disk)', { data: null }));
      expect(err.kind).toBe('locked');
      expect(err.pveMessage).toBe('CT is locked (disk)');
    });

    it('copes with ": " inside the status text', () => {
      const text = "hostname lookup 'pve9' failed - failed to get address info for: pve9: Name or service not known";
      const err = classifyPveError(returnError('GET', '/nodes/pve9/status', 500, text, { data: null, message: `${text}\n` }));
      expect(err.kind).toBe('not-found');
      expect(err.pveMessage).toBe(text);
    });

    it('prefers the full multi-line message of the body over the first-line status text', () => {
      const err = classifyPveError(
        returnError('POST', '/nodes/pve/lxc', 500, 'unable to create CT 100 - first line', {
          data: null,
          message: 'unable to create CT 100 - first line\nsecond line\n',
        }),
      );
      expect(err.pveMessage).toBe('unable to create CT 100 - first line\nsecond line');
    });
  });

  it('is invalid for an unknown route (501)', () => {
    const err = classifyPveError(
      connectionFailed('GET', '/nodes/pve/foo', 501, "Method 'GET /nodes/pve/foo' not implemented", {
        data: null,
        message: "Method 'GET /nodes/pve/foo' not implemented\n",
      }),
    );
    expect(err.kind).toBe('invalid');
    expect(err.status).toBe(501);
  });

  it.each([502, 503, 504, 595, 596])('is retryable unreachable for a proxy failure %i', (status) => {
    const err = classifyPveError(connectionFailed('GET', '/nodes/pve2/lxc', status, 'Connection refused', { data: null, errors: '' }));
    expect(err.kind).toBe('unreachable');
    expect(err.retryable).toBe(true);
  });

  it('is unreachable for an HTML error page from a proxy', () => {
    const err = classifyPveError(new Error(`GET ${BASE}/version unexpected contentType "text/html" status Line:502 function text() {}`));
    expect(err.kind).toBe('unreachable');
    expect(err.status).toBe(502);
  });

  describe('network', () => {
    it('is retryable unreachable with the Node code', () => {
      const err = classifyPveError(networkFailure('GET', '/version', 'ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:8006'));
      expect(err.kind).toBe('unreachable');
      expect(err.retryable).toBe(true);
      expect(err.code).toBe('ECONNREFUSED');
      expect(err.origin).toBe('https://pve.lan:8006');
    });

    it('does not retry a certificate problem', () => {
      const err = classifyPveError(networkFailure('GET', '/version', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'));
      expect(err.kind).toBe('unreachable');
      expect(err.retryable).toBe(false);
      expect(err.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    });

    it('treats an aborted (timed out) request as retryable unreachable', () => {
      const abort = new Error('This operation was aborted');
      abort.name = 'AbortError';
      const err = new Error(`FaILED to call GET ${BASE}/version`);
      (err as Error & { cause?: unknown }).cause = new TypeError('fetch failed', { cause: abort });
      const pve = classifyPveError(err);
      expect(pve.kind).toBe('unreachable');
      expect(pve.code).toBe('ETIMEDOUT');
      expect(pve.retryable).toBe(true);
    });

    it('reads the network failure our fetch adapter reports as a synthetic 599', () => {
      const body = { data: null, errors: '{"proxdeckNetworkError":{"code":"EHOSTUNREACH","message":"connect EHOSTUNREACH 10.0.0.5:8006"}}' };
      const err = classifyPveError(connectionFailed('GET', '/version', 599, 'Proxdeck network failure', body));
      expect(err).toMatchObject({ kind: 'unreachable', retryable: true, code: 'EHOSTUNREACH', status: undefined });
      expect(err.pveMessage).toBe('connect EHOSTUNREACH 10.0.0.5:8006');

      const login = new Error(`Auth ${BASE}/access/ticket Failed!`);
      (login as Error & { cause?: unknown }).cause = new Error(`login failed with 599: Proxdeck network failure ${body.errors}`);
      expect(classifyPveError(login)).toMatchObject({ kind: 'unreachable', code: 'EHOSTUNREACH' });
    });

    it('classifies a bare Node socket error', () => {
      const err = classifyPveError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      expect(err.kind).toBe('unreachable');
      expect(err.retryable).toBe(true);
    });
  });

  it('returns a PveError unchanged and wraps non-errors', () => {
    const original = new PveError({ kind: 'locked', retryable: true, pveMessage: 'CT is locked (backup)' });
    expect(classifyPveError(original)).toBe(original);
    const wrapped = classifyPveError('boom');
    expect(wrapped.kind).toBe('server');
    expect(wrapped.pveMessage).toBe('boom');
  });
});

describe('parseHttpFailure', () => {
  it('returns undefined for messages of other shapes', () => {
    expect(parseHttpFailure('something else')).toBeUndefined();
  });

  it('keeps the status text when the body is not JSON', () => {
    const parsed = parseHttpFailure(`GET ${BASE}/version return Error 500 Internal error: not json`);
    expect(parsed?.status).toBe(500);
    expect(parsed?.body).toBeUndefined();
  });
});
