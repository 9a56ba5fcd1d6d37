import { parseImageRef } from '@proxdeck/shared-catalog';
import type { OperationRun } from '../operations/operation-run';
import type { ContainerActions } from '../processors/container-actions';
import { imageFileName } from '../processors/deploy.processor';
import { OperationFailure } from '../processors/operation-failure';

/**
 * The template volid of an OCI image on `node`, pulled into the template storage unless it is
 * cached there already (deploy names pulls the same way, so apps share them).
 */
export async function ensureOciImage(containers: ContainerActions, run: OperationRun, node: string, image: string): Promise<string> {
  const storage = containers.config.pve.templateStorage;
  const cached = await findImage(containers, node, storage, image);
  if (cached) {
    await run.log(`Image ${image} is cached as ${cached}`);
    return cached;
  }
  const upid = await containers.pve.pullOciImage(node, storage, image, { filename: imageFileName(image) });
  await containers.runTask(run, `Pulling ${image}`, upid);
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
