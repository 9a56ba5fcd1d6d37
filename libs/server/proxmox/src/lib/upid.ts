/** The parts of a Proxmox task id (`pve-common` `PVE/UPID.pm`). */
export interface ParsedUpid {
  node: string;
  pid: number;
  /** Process start time in clock ticks since boot. */
  pstart: number;
  /** Unix seconds. */
  starttime: number;
  type: string;
  /** The guest id or other subject; may be empty (e.g. vzdump of several guests). */
  id: string;
  /** `root@pam`, or the full token id `root@pam!tok` for token calls. */
  user: string;
}

// The exact decode regex of PVE::UPID::decode, anchored; the trailing colon is mandatory.
const UPID_RE =
  /^UPID:([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):([^:\s/]+):([^:\s/]*):([^:\s/]+):$/;

export function parseUpid(upid: string): ParsedUpid {
  const m = typeof upid === 'string' ? UPID_RE.exec(upid) : null;
  if (!m) throw new Error(`not a Proxmox task id (UPID): ${JSON.stringify(upid)}`);
  return {
    node: m[1],
    pid: parseInt(m[3], 16),
    pstart: parseInt(m[4], 16),
    starttime: parseInt(m[5], 16),
    type: m[6],
    id: m[7],
    user: m[8],
  };
}

export function isUpid(value: unknown): value is string {
  return typeof value === 'string' && UPID_RE.test(value);
}
