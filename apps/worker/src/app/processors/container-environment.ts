import { buildEnv, nodeContainerFeatures, overlayEnv, parseEnv, type ContainerConfigChanges, type NodeContainerFeatures } from '@proxdeck/server-proxmox';
import type { ContainerActions } from './container-actions';

/**
 * Writes an app's environment (and its entrypoint, when its catalog entry sets one) onto a
 * container, over the variables the container already has. Proxmox's OCI create replaces `env`
 * and `entrypoint` with the image's own (pve-container Create.pm `restore_oci_archive`), so these
 * are written with a config update after the container exists, never as create parameters;
 * `removed` are the app's variables from before that it no longer sets.
 */
export async function writeAppEnvironment(
  containers: ContainerActions,
  node: string,
  vmid: number,
  app: { env: Record<string, string>; entrypoint?: string; removed?: readonly string[] },
): Promise<void> {
  const current = await containers.pve.containerConfig(node, vmid);
  const env = overlayEnv(parseEnv(current.env), app.env, app.removed);
  const changes: ContainerConfigChanges = {};
  if (Object.keys(env).length > 0) changes.env = buildEnv(env);
  else if (current.env) changes.delete = ['env'];
  if (app.entrypoint !== undefined && app.entrypoint !== current.entrypoint) changes.entrypoint = app.entrypoint;
  if (changes.env === current.env) delete changes.env;
  if (Object.keys(changes).length > 0) await containers.pve.updateContainerConfig(node, vmid, changes, current.digest);
}

/** What the node's pve-container offers (see NodeContainerFeatures). */
export async function nodeFeatures(containers: ContainerActions, node: string): Promise<NodeContainerFeatures> {
  return nodeContainerFeatures(await containers.pve.packageVersions(node));
}
