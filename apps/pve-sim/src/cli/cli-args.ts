import type { TlsCertificateFiles } from '../http/tls-certificate';
import { isPveVersionName, PVE_VERSIONS, type PveVersionName, type SimOptions } from '../sim-options';

export interface CliArgs {
  options: SimOptions;
  /** Certificate to serve instead of a generated self-signed one (read by main, not here). */
  tlsFiles?: TlsCertificateFiles;
  json: boolean;
  registryFile?: string;
  /** 127.<dhcpOctet>.x.y is the DHCP range (default 77). */
  dhcpOctet?: number;
  help: boolean;
}

export const USAGE = `Usage: node dist/apps/pve-sim/main.js [options]

  --port <n>              listen port (default 8006; 0 picks a free port)
  --host <addr>           listen address (default 127.0.0.1)
  --http                  plain HTTP instead of HTTPS (self-signed, generated at start)
  --tls-cert <file>       PEM certificate (chain) to serve instead; needs --tls-key
  --tls-key <file>        PEM private key of --tls-cert
  --nodes <n>             number of nodes pve1..pveN (default 3)
  --root-password <pw>    password of root@pam (default proxdeck)
  --token-secret <uuid>   secret of the API token root@pam!proxdeck (default: random)
  --task-speed <f>        task duration factor (default 1 = realistic; 0 = immediate)
  --auth-delay-ms <ms>    delay of every 401 (default 3000, like PVE)
  --resource-lag-ms <ms>  how long a new CT shows status 'unknown' in /cluster/resources
  --pve-version <v>       9.2 (default, pve-container 6.1.10), 9.1.4 (6.0.18), 9.1.5 (6.0.19) or 8.4:
                          /version, the bad-ticket 401 phrase ('Authentication failed!' from 9.1.5),
                          OCI create and mount points (image User honoured from 6.1.0, keepattrs
                          from 6.1.2), 8.4 lacks the 9.x-only routes
  --invalid-ticket-text <text>  401 reason for bad tickets (overrides what --pve-version implies)
  --registry-file <json>  extra images (JSON array, same shape as the built-in registry)
  --state-file <json>     keep containers, volumes, the token secret, users, tokens, ACLs and tasks across restarts
  --shared-storage <id>   add a cluster-wide NFS storage <id> (rootdir, images, backup) seen by every node
  --dhcp-octet <n>        containers get 127.<n>.x.y (default 77); give parallel simulators different ones
  --json                  print one JSON line when ready (logs go to stderr)
  --help                  this text
`;

const VALUE_FLAGS = new Set(['port', 'host', 'nodes', 'root-password', 'token-secret', 'task-speed', 'auth-delay-ms', 'resource-lag-ms', 'invalid-ticket-text', 'pve-version', 'registry-file', 'state-file', 'tls-cert', 'tls-key', 'dhcp-octet', 'shared-storage']);
const BOOL_FLAGS = new Set(['http', 'json', 'help']);

function num(flag: string, value: string, integer: boolean): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) throw new Error(`--${flag} needs a ${integer ? 'non-negative integer' : 'non-negative number'}, got '${value}'`);
  return n;
}

function pveVersion(value: string | undefined): PveVersionName | undefined {
  if (value === undefined) return undefined;
  if (!isPveVersionName(value)) throw new Error(`--pve-version must be one of ${Object.keys(PVE_VERSIONS).join(', ')}, got '${value}'`);
  return value;
}

/** Parses `--flag value` and `--flag=value`; throws on unknown flags or bad values. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const values = new Map<string, string>();
  const bools = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unexpected argument '${arg}'`);
    const [, flag, inline] = m;
    if (BOOL_FLAGS.has(flag)) {
      if (inline !== undefined) throw new Error(`--${flag} takes no value`);
      bools.add(flag);
    } else if (VALUE_FLAGS.has(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`--${flag} needs a value`);
      values.set(flag, value);
    } else throw new Error(`unknown option '--${flag}'`);
  }
  const options: SimOptions = {
    port: values.has('port') ? num('port', values.get('port') ?? '', true) : 8006,
    host: values.get('host') ?? '127.0.0.1',
    http: bools.has('http'),
    nodes: values.has('nodes') ? num('nodes', values.get('nodes') ?? '', true) : 3,
    rootPassword: values.get('root-password') ?? 'proxdeck',
    tokenSecret: values.get('token-secret'),
    taskSpeed: values.has('task-speed') ? num('task-speed', values.get('task-speed') ?? '', false) : 1,
    authDelayMs: values.has('auth-delay-ms') ? num('auth-delay-ms', values.get('auth-delay-ms') ?? '', true) : 3000,
    resourceLagMs: values.has('resource-lag-ms') ? num('resource-lag-ms', values.get('resource-lag-ms') ?? '', true) : undefined,
    pveVersion: pveVersion(values.get('pve-version')),
    invalidTicketText: values.get('invalid-ticket-text'),
    stateFile: values.get('state-file'),
    sharedStorage: values.get('shared-storage'),
  };
  if (options.port !== undefined && options.port > 65535) throw new Error('--port must be <= 65535');
  const cert = values.get('tls-cert');
  const key = values.get('tls-key');
  if ((cert === undefined) !== (key === undefined)) throw new Error('--tls-cert and --tls-key go together: give both or neither');
  if (cert !== undefined && options.http) throw new Error('--tls-cert/--tls-key serve HTTPS: they cannot be combined with --http');
  const tlsFiles = cert !== undefined && key !== undefined ? { cert, key } : undefined;
  const dhcpOctet = values.has('dhcp-octet') ? num('dhcp-octet', values.get('dhcp-octet') ?? '', true) : undefined;
  if (dhcpOctet !== undefined && (dhcpOctet < 1 || dhcpOctet > 254)) throw new Error('--dhcp-octet must be between 1 and 254');
  return { options, tlsFiles, json: bools.has('json'), registryFile: values.get('registry-file'), dhcpOctet, help: bools.has('help') };
}
