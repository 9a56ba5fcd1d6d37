import { Router } from '../http/router';
import { accessAdminRoutes } from './access-admin.routes';
import { accessRoutes } from './access.routes';
import { aplinfoRoutes } from './aplinfo.routes';
import { clusterRoutes } from './cluster.routes';
import { lxcCloneRoutes } from './lxc-clone.routes';
import { lxcConfigRoutes } from './lxc-config.routes';
import { lxcMigrateRoutes } from './lxc-migrate.routes';
import { lxcMoveVolumeRoutes } from './lxc-move-volume.routes';
import { lxcPowerRoutes } from './lxc-power.routes';
import { lxcResizeRoutes } from './lxc-resize.routes';
import { lxcSnapshotRoutes } from './lxc-snapshot.routes';
import { lxcTemplateRoutes } from './lxc-template.routes';
import { lxcRoutes } from './lxc.routes';
import { ociTagRoutes } from './oci-tags.routes';
import { rrdRoutes } from './rrd.routes';
import { storageConfigRoutes } from './storage-config.routes';
import { storageRoutes } from './storage.routes';
import { taskRoutes } from './tasks.routes';
import { vzdumpRoutes } from './vzdump.routes';

/** Every `/api2/json` route module, in one router. */
export function buildApiRouter(): Router {
  return new Router().add(
    ...accessRoutes,
    ...accessAdminRoutes,
    ...clusterRoutes,
    ...storageConfigRoutes,
    ...storageRoutes,
    ...ociTagRoutes,
    ...aplinfoRoutes,
    ...lxcRoutes,
    ...lxcConfigRoutes,
    ...lxcPowerRoutes,
    ...lxcResizeRoutes,
    ...lxcSnapshotRoutes,
    ...lxcCloneRoutes,
    ...lxcTemplateRoutes,
    ...lxcMoveVolumeRoutes,
    ...lxcMigrateRoutes,
    ...rrdRoutes,
    ...taskRoutes,
    ...vzdumpRoutes,
  );
}
