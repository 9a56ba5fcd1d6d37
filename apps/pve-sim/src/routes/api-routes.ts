import { Router } from '../http/router';
import { accessRoutes } from './access.routes';
import { clusterRoutes } from './cluster.routes';
import { lxcPowerRoutes } from './lxc-power.routes';
import { lxcRoutes } from './lxc.routes';
import { storageRoutes } from './storage.routes';
import { taskRoutes } from './tasks.routes';

/** Every `/api2/json` route module, in one router. */
export function buildApiRouter(): Router {
  return new Router().add(...accessRoutes, ...clusterRoutes, ...storageRoutes, ...lxcRoutes, ...lxcPowerRoutes, ...taskRoutes);
}
