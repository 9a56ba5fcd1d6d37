import { parseCliArgs } from './cli-args';

describe('parseCliArgs', () => {
  it('has the documented defaults', () => {
    const args = parseCliArgs([]);
    expect(args.json).toBe(false);
    expect(args.options).toMatchObject({ port: 8006, host: '127.0.0.1', http: false, nodes: 3, rootPassword: 'proxdeck', taskSpeed: 1, authDelayMs: 3000 });
  });

  it('parses both flag styles', () => {
    const args = parseCliArgs(['--port', '0', '--http', '--nodes=2', '--task-speed', '0.5', '--json', '--registry-file', 'x.json', '--token-secret', '11111111-2222-3333-4444-555555555555']);
    expect(args.options).toMatchObject({ port: 0, http: true, nodes: 2, taskSpeed: 0.5, tokenSecret: '11111111-2222-3333-4444-555555555555' });
    expect(args.json).toBe(true);
    expect(args.registryFile).toBe('x.json');
  });

  it('takes a certificate as a --tls-cert/--tls-key pair, never one alone or with --http', () => {
    expect(parseCliArgs([]).tlsFiles).toBeUndefined();
    expect(parseCliArgs(['--tls-cert', 'c.pem', '--tls-key=k.pem']).tlsFiles).toEqual({ cert: 'c.pem', key: 'k.pem' });
    expect(() => parseCliArgs(['--tls-cert', 'c.pem'])).toThrow('--tls-cert and --tls-key go together: give both or neither');
    expect(() => parseCliArgs(['--tls-key', 'k.pem'])).toThrow('--tls-cert and --tls-key go together: give both or neither');
    expect(() => parseCliArgs(['--http', '--tls-cert', 'c.pem', '--tls-key', 'k.pem'])).toThrow(/cannot be combined with --http/);
  });

  it('takes --pve-version from the known releases only', () => {
    expect(parseCliArgs(['--pve-version', '9.1.5']).options.pveVersion).toBe('9.1.5');
    expect(parseCliArgs(['--pve-version=8.4']).options.pveVersion).toBe('8.4');
    expect(parseCliArgs(['--pve-version', '9.2']).options.pveVersion).toBe('9.2');
    expect(parseCliArgs([]).options.pveVersion).toBeUndefined();
    expect(() => parseCliArgs(['--pve-version', '9.0'])).toThrow("--pve-version must be one of 9.1.4, 9.1.5, 9.2, 8.4, got '9.0'");
  });

  it('adds a shared storage only when --shared-storage names one', () => {
    expect(parseCliArgs([]).options.sharedStorage).toBeUndefined();
    expect(parseCliArgs(['--shared-storage', 'shared']).options.sharedStorage).toBe('shared');
    expect(() => parseCliArgs(['--shared-storage'])).toThrow(/needs a value/);
  });

  it('rejects unknown flags and bad numbers', () => {
    expect(() => parseCliArgs(['--bogus'])).toThrow(/unknown option/);
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--nodes'])).toThrow(/needs a value/);
  });
});
