import { PveError } from '@proxdeck/server-proxmox';
import { parseImageRef } from '@proxdeck/shared-catalog';
import type { OperationRun } from '../operations/operation-run';
import type { ContainerActions } from '../processors/container-actions';
import { OperationFailure } from '../processors/operation-failure';

/**
 * The template volid of an OCI image on `node`, pulled into the template storage unless it is
 * cached there already (deploy and update name pulls the same way, so apps share them).
 */
export async function ensureOciImage(containers: ContainerActions, run: OperationRun, node: string, image: string): Promise<string> {
  const storage = containers.config.pve.templateStorage;
  const cached = await findImage(containers, node, storage, image);
  if (cached) {
    await run.log(`Image ${image} is cached as ${cached}`);
    return cached;
  }
  try {
    const upid = await containers.pve.pullOciImage(node, storage, image, { filename: imageFileName(image) });
    await containers.runTask(run, `Pulling ${image}`, upid);
  } catch (err) {
    // Proxmox never overwrites a template (pve-storage Status.pm L982): another pull (a deploy
    // beside this one) finished it after the listing above. Then it is there to use.
    if (!(err instanceof PveError && /refusing to override existing file/.test(err.pveMessage))) throw err;
    await run.log(`Image ${image} was pulled meanwhile by another operation`);
  }
  const pulled = await findImage(containers, node, storage, image);
  if (!pulled) throw new OperationFailure(`The image ${image} was pulled but does not show in ${storage} on ${node}.`);
  return pulled;
}

async function findImage(containers: ContainerActions, node: string, storage: string, image: string): Promise<string | null> {
  const volumes = await containers.pve.storageContent(node, storage, 'vztmpl');
  const ref = parseImageRef(image);
  // The trailing dot keeps 1.27.5 from matching 1.27.50.
  const byFileName = `/${imageFileName(image)}.`;
  const byShortName = `/${ref.repository.split('/').pop()}_${ref.tag}.`;
  const match = volumes.find((v) => v.volid.includes(byFileName)) ?? volumes.find((v) => v.volid.includes(byShortName));
  return match?.volid ?? null;
}

/** A stable file name for an image in the template storage: `docker.io_library_nginx_1.27.3` (Proxmox appends `.tar`). */
export function imageFileName(image: string): string {
  return image.replace(/[^A-Za-z0-9._-]+/g, '_');
}
