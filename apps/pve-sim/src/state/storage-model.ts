/** A storage as configured in `/etc/pve/storage.cfg`: node-local unless `shared`. */
export interface StorageDefinition {
  storage: string;
  type: 'dir' | 'lvmthin' | 'nfs';
  content: readonly string[];
  /** One pool of space seen identically from every node (NFS); volumes are not per node. */
  shared?: boolean;
  /** Further `storage.cfg` properties, as `GET /storage` lists them (`vgname`, `server`, ...). */
  extra?: Readonly<Record<string, string>>;
  /** Capacity in bytes. */
  total: number;
  /** Bytes used by things the sim does not model (the OS on `local`). */
  baseUsed: number;
  /** Directory storages map volumes to files under this path. */
  path?: string;
}

const GiB = 1024 ** 3;

/** A stock PVE install: `local` (dir) and `local-lvm` (lvmthin). */
export const DEFAULT_STORAGES: readonly StorageDefinition[] = [
  { storage: 'local', type: 'dir', content: ['vztmpl', 'iso', 'backup'], total: 100 * GiB, baseUsed: 9 * GiB, path: '/var/lib/vz' },
  { storage: 'local-lvm', type: 'lvmthin', content: ['rootdir', 'images'], total: 350 * GiB, baseUsed: 0, extra: { thinpool: 'data', vgname: 'pve' } },
];

const STORAGE_ID_RE = /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i;

/**
 * The optional cluster-wide storage (`--shared-storage <id>`): an NFS export mounted on every node
 * under `/mnt/pve/<id>`, holding container disks (raw files, so no snapshots) and backups.
 */
export function sharedStorageDefinition(id: string): StorageDefinition {
  if (!STORAGE_ID_RE.test(id)) throw new Error(`shared storage id '${id}' is not a valid storage id (letters, digits, '-', '_', '.'; starting with a letter)`);
  if (DEFAULT_STORAGES.some((d) => d.storage === id)) throw new Error(`shared storage id '${id}' is taken by a node-local storage; pick another name`);
  return {
    storage: id,
    type: 'nfs',
    content: ['rootdir', 'images', 'backup'],
    shared: true,
    total: 2048 * GiB,
    baseUsed: 120 * GiB,
    path: `/mnt/pve/${id}`,
    extra: { server: '192.0.2.10', export: `/export/${id}`, options: 'vers=4.2' },
  };
}

/** File-based storages (dir, NFS) keep raw files: PVE offers no snapshots and no templates on them for containers. */
export function isFileStorage(def: StorageDefinition): boolean {
  return def.path !== undefined;
}

/** A volume on a node's storage. */
export interface VolumeState {
  /** `local-lvm:vm-100-disk-0`, `local:vztmpl/nginx_1.27.3.tar` */
  volid: string;
  node: string;
  storage: string;
  content: 'vztmpl' | 'rootdir' | 'images' | 'backup' | 'iso';
  format: string;
  size: number;
  /** Epoch seconds. */
  ctime: number;
  vmid?: number;
  /** For OCI templates: the canonical reference it was pulled from. */
  image?: { repository: string; tag: string };
  /** For appliance templates: the file name in the appliance index. */
  appliance?: string;
  /** For backups: what a restore brings back. */
  backup?: BackupPayload;
  /** Backup notes (first line shown in listings). */
  notes?: string;
  protected?: boolean;
  /** Guest disks: the app data stored on it (see container-data.ts). */
  data?: Record<string, string>;
  /** Guest disks: owner of the file system's root as the CT sees it; absent = the CT's root (a new volume). */
  rootOwner?: { uid: number; gid: number };
}

/** The content of a vzdump archive, as far as the sim models it. */
export interface BackupPayload {
  config: Array<[string, string]>;
  /** Disk sizes by config key (`rootfs`, `mp0`...). */
  diskSizes: Record<string, number>;
  /** App data per disk key (`rootfs`, `mp0`...), as it was at backup time. */
  diskData?: Record<string, Record<string, string>>;
  image?: { repository: string; tag: string; ports: Array<{ port: number; protocol: 'http' | 'tcp' }>; page: { title: string; body: string }; tcpBanner?: string };
}

/** `<storage>:<volname>` -> parts; undefined when malformed. */
export function parseVolid(volid: string): { storage: string; volname: string } | undefined {
  const m = /^([a-z][a-z0-9\-_.]*[a-z0-9]):(.+)$/i.exec(volid);
  return m ? { storage: m[1], volname: m[2] } : undefined;
}

/** The content type a volume name implies (`vztmpl/x`, `backup/x`, `iso/x`, else a guest disk). */
export function volnameContent(volname: string): VolumeState['content'] {
  if (volname.startsWith('vztmpl/')) return 'vztmpl';
  if (volname.startsWith('backup/')) return 'backup';
  if (volname.startsWith('iso/')) return 'iso';
  return 'rootdir';
}

/** Where a template lives on disk, for task log lines. */
export function volumePath(def: StorageDefinition, volname: string): string {
  if (def.path) {
    if (volname.startsWith('vztmpl/')) return `${def.path}/template/cache/${volname.slice(7)}`;
    if (volname.startsWith('backup/')) return `${def.path}/dump/${volname.slice(7)}`;
    return `${def.path}/images/${volname}`;
  }
  return `/dev/pve/${volname}`;
}
