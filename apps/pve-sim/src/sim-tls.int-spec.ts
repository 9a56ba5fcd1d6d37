import { X509Certificate } from 'node:crypto';
import { connect } from 'node:tls';
import { ProxmoxEngine, proxmoxApi } from 'proxmox-api';
import { generateCertificate } from './http/tls-certificate';
import { startSim, type SimHandle } from './sim';
import { clientFor, rawRequest } from './test-support/sim-client';
import { testTls } from './test-support/test-tls';

/** The fingerprint of the certificate a server presents, checked by a verifying TLS client. */
function servedFingerprint(sim: SimHandle): Promise<{ fingerprint: string; authorized: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: sim.host, port: sim.port, rejectUnauthorized: true }, () => {
      const fingerprint = socket.getPeerX509Certificate()?.fingerprint256 ?? '';
      const authorized = socket.authorized;
      socket.end();
      resolve({ fingerprint, authorized });
    });
    socket.once('error', reject);
  });
}

describe('pve-sim certificates', () => {
  it('serves the certificate it is given, and a verifying proxmox-api client trusts it', async () => {
    const tls = testTls();
    const sim = await startSim({ taskSpeed: 0, tls });
    try {
      expect(sim.url).toBe(`https://127.0.0.1:${sim.port}`);
      expect(await servedFingerprint(sim)).toEqual({ fingerprint: new X509Certificate(tls.cert).fingerprint256, authorized: true });
      const { api } = clientFor(sim);
      expect((await api.version.$get()).version).toMatch(/^9\.2\./);
    } finally {
      await sim.close();
    }
  });

  it('generates a fresh self-signed certificate without one: verifying clients refuse it, rawRequest still works', async () => {
    const sim = await startSim({ taskSpeed: 0 });
    try {
      const fetchError = await fetch(`${sim.url}/api2/json/version`).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(fetchError).toMatchObject({ cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } });
      // Short timeouts: proxmox-api leaves its abort timer running when fetch throws.
      const engine = new ProxmoxEngine({ host: sim.host, port: sim.port, schema: 'https', tokenID: sim.tokenId, tokenSecret: sim.tokenSecret, queryTimeout: 500 });
      await expect(proxmoxApi(engine).version.$get()).rejects.toThrow(/self-signed certificate/);
      const raw = await rawRequest(`${sim.url}/api2/json/version`, { headers: { Authorization: `PVEAPIToken=${sim.tokenId}=${sim.tokenSecret}` } });
      expect(raw.status).toBe(200);
      expect(JSON.parse(raw.body)).toMatchObject({ data: { version: expect.stringMatching(/^9\.2\./) } });
    } finally {
      await sim.close();
    }
  });

  it('refuses a key that does not belong to the certificate, and a certificate with plain HTTP', async () => {
    const tls = testTls();
    const stranger = await generateCertificate('127.0.0.1');
    await expect(startSim({ tls: { cert: tls.cert, key: stranger.key } })).rejects.toThrow(/^invalid TLS key\/certificate: .*key values mismatch/);
    await expect(startSim({ http: true, tls })).rejects.toThrow('tls (a certificate) and http (plain HTTP) exclude each other');
  });
});
