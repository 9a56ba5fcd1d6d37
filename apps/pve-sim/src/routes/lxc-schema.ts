import { indexedProps, type PropSchema } from '../params/param-schema';

const bool = { type: 'boolean', optional: true } as const;
const str = { type: 'string', optional: true } as const;

/** Config options shared by create and PUT config (apidoc-9.1 `/nodes/{node}/lxc`). */
export const CONFIG_PROPS: Record<string, PropSchema> = {
  arch: { type: 'string', optional: true, enum: ['amd64', 'i386', 'arm64', 'armhf', 'riscv32', 'riscv64'] },
  cmode: { type: 'string', optional: true, enum: ['shell', 'console', 'tty'] },
  console: bool,
  cores: { type: 'integer', optional: true, minimum: 1, maximum: 8192 },
  cpulimit: { type: 'number', optional: true, minimum: 0, maximum: 8192 },
  cpuunits: { type: 'integer', optional: true, minimum: 0, maximum: 500000 },
  debug: bool,
  description: { type: 'string', optional: true, maxLength: 8192 },
  // The official patterns exclude control characters, so the regexes must name them.
  // eslint-disable-next-line no-control-regex
  entrypoint: { type: 'string', optional: true, pattern: /^[^\x00-\x08\x10-\x1f\x7f]+$/ },
  // NUL-separated KEY=value list (9.x).
  // eslint-disable-next-line no-control-regex
  env: { type: 'string', optional: true, pattern: /^\w+=[^\x00-\x08\x10-\x1f\x7f]*(\0\w+=[^\x00-\x08\x10-\x1f\x7f]*)*$/ },
  features: str,
  hookscript: str,
  hostname: { type: 'string', optional: true, maxLength: 255, format: 'dns-name' },
  memory: { type: 'integer', optional: true, minimum: 16 },
  nameserver: str,
  onboot: bool,
  ostype: { type: 'string', optional: true, enum: ['debian', 'devuan', 'ubuntu', 'centos', 'fedora', 'opensuse', 'archlinux', 'alpine', 'gentoo', 'nixos', 'unmanaged'] },
  protection: bool,
  rootfs: str,
  searchdomain: str,
  startup: str,
  swap: { type: 'integer', optional: true, minimum: 0 },
  // pve-tag-list: tags of [a-z0-9_][a-z0-9_+.-]* separated by `;`, `,` or spaces.
  tags: { type: 'string', optional: true, pattern: /^[;, ]*[a-z0-9_][a-z0-9_+.-]*([;, ]+[a-z0-9_][a-z0-9_+.-]*)*[;, ]*$/i },
  template: bool,
  timezone: str,
  tty: { type: 'integer', optional: true, minimum: 0, maximum: 6 },
  unprivileged: bool,
  ...indexedProps('net', 32, str),
  ...indexedProps('mp', 256, str),
  ...indexedProps('dev', 256, str),
  ...indexedProps('unused', 256, str),
};

const LOCK_VALUES = ['backup', 'create', 'destroyed', 'disk', 'fstrim', 'migrate', 'mounted', 'rollback', 'snapshot', 'snapshot-delete'];

export const CREATE_SCHEMA: Record<string, PropSchema> = {
  ...CONFIG_PROPS,
  vmid: { type: 'integer', format: 'pve-vmid', minimum: 100, maximum: 999999999 },
  ostemplate: { type: 'string', maxLength: 255 },
  storage: { type: 'string', optional: true, format: 'pve-storage-id' },
  password: { type: 'string', optional: true, minLength: 5 },
  'ssh-public-keys': str,
  start: bool,
  restore: bool,
  force: bool,
  unique: bool,
  'ignore-unpack-errors': bool,
  pool: str,
  bwlimit: { type: 'number', optional: true, minimum: 0 },
  'ha-managed': bool,
  lock: { type: 'string', optional: true, enum: LOCK_VALUES },
};

export const UPDATE_SCHEMA: Record<string, PropSchema> = {
  ...CONFIG_PROPS,
  lock: { type: 'string', optional: true, enum: LOCK_VALUES },
  delete: str,
  revert: str,
  digest: { type: 'string', optional: true, maxLength: 40 },
};

/** Keys that cannot be deleted (`unable to delete required option`). */
export const REQUIRED_CONFIG_KEYS = ['memory', 'rootfs', 'ostype'];
