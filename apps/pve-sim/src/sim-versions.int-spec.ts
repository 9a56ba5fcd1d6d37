import { startSim, type SimHandle } from './sim';
import { rawRequest } from './test-support/sim-client';

/** `pveVersion` / `--pve-version`: what differs between the emulated releases (SEMANTICS.md §8). */
describe('pve-sim: emulated PVE versions', () => {
  const started: SimHandle[] = [];
  const sim = async (pveVersion?: '9.1.4' | '9.1.5' | '9.2' | '8.4'): Promise<SimHandle> => {
    const s = await startSim({ http: true, taskSpeed: 0, pveVersion });
    started.push(s);
    return s;
  };
  const reasons = async (s: SimHandle): Promise<{ ticket: string; token: string }> => {
    const forged = await rawRequest(`${s.url}/api2/json/nodes`, { headers: { cookie: 'PVEAuthCookie=PVE:root@pam:6B000000::Zm9yZ2Vk' } });
    const badToken = await rawRequest(`${s.url}/api2/json/nodes`, { headers: { Authorization: `PVEAPIToken=${s.tokenId}=00000000-0000-0000-0000-000000000000` } });
    expect([forged.status, badToken.status, forged.body, badToken.body]).toEqual([401, 401, '', '']);
    return { ticket: forged.statusText, token: badToken.statusText };
  };
  const get = (s: SimHandle, path: string) => rawRequest(`${s.url}/api2/json${path}`, { headers: { Authorization: `PVEAPIToken=${s.tokenId}=${s.tokenSecret}` } });

  afterAll(async () => {
    await Promise.all(started.map((s) => s.close()));
  });

  it('acts like the current release (9.2, pve-container 6.1.10) by default', async () => {
    const s = await sim();
    expect(JSON.parse((await get(s, '/version')).body)).toEqual({ data: expect.objectContaining({ version: '9.2.11', release: '9.2' }) });
    await expect(reasons(s)).resolves.toEqual({ ticket: 'Authentication failed!', token: 'Authentication failed!' });
    const packages = JSON.parse((await get(s, '/nodes/pve1/apt/versions')).body).data as Array<{ Package: string; OldVersion: string }>;
    expect(packages.find((p) => p.Package === 'pve-container')).toMatchObject({ OldVersion: '6.1.10' });
  });

  it('9.1.4 has the old 401 phrases and pve-container 6.0.18', async () => {
    const s = await sim('9.1.4');
    expect(JSON.parse((await get(s, '/version')).body)).toEqual({ data: expect.objectContaining({ version: '9.1.4', release: '9.1' }) });
    await expect(reasons(s)).resolves.toEqual({ ticket: 'permission denied - invalid PVE ticket', token: 'invalid token value!' });
    const packages = JSON.parse((await get(s, '/nodes/pve1/apt/versions')).body).data as Array<{ Package: string; OldVersion: string }>;
    expect(packages.find((p) => p.Package === 'pve-container')).toMatchObject({ OldVersion: '6.0.18' });
  });

  it('9.1.5 answers every bad ticket or token with Authentication failed!', async () => {
    const s = await sim('9.1.5');
    expect(JSON.parse((await get(s, '/nodes/pve1/version')).body).data).toMatchObject({ version: '9.1.5' });
    await expect(reasons(s)).resolves.toEqual({ ticket: 'Authentication failed!', token: 'Authentication failed!' });
  });

  it('8.4 has the old phrases and no 9.x-only routes (501)', async () => {
    const s = await sim('8.4');
    expect(JSON.parse((await get(s, '/version')).body).data).toMatchObject({ version: '8.4.1', release: '8.4' });
    await expect(reasons(s)).resolves.toEqual({ ticket: 'permission denied - invalid PVE ticket', token: 'invalid token value!' });
    const tags = await get(s, '/nodes/pve1/query-oci-repo-tags?reference=nginx');
    expect([tags.status, tags.statusText]).toEqual([501, "Method 'GET /nodes/pve1/query-oci-repo-tags' not implemented"]);
  });

  it('refuses an unknown version', async () => {
    await expect(startSim({ http: true, pveVersion: '7.4' as never })).rejects.toThrow('pveVersion must be one of 9.1.4, 9.1.5, 9.2, 8.4');
  });
});
