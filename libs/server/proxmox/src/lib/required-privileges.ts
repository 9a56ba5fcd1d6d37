/**
 * The Proxmox privileges Proxdeck's token needs on `/` for everything it does (deploy, power,
 * configure, snapshot-based clone, backups and restore, updates with move_volume, monitoring).
 * The README lists the same; an integration test runs every operation with exactly this role.
 */
export const PROXDECK_PVE_PRIVILEGES = [
  'VM.Allocate',
  'VM.Audit',
  'VM.Clone',
  'VM.Backup',
  'VM.Snapshot',
  'VM.Config.CPU',
  'VM.Config.Memory',
  'VM.Config.Disk',
  'VM.Config.Network',
  'VM.Config.Options',
  'VM.PowerMgmt',
  'Datastore.Audit',
  'Datastore.AllocateSpace',
  'Datastore.AllocateTemplate',
  'Sys.Audit',
  'Sys.AccessNetwork',
  'SDN.Use',
] as const;
