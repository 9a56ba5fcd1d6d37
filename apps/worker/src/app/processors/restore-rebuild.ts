import type { DataSource } from 'typeorm';
import { parseEnv } from '@proxdeck/server-proxmox';
import { imageWithTag, type CatalogEntry } from '@proxdeck/shared-catalog';
import type { OperationRun } from '../operations/operation-run';
import { createContainerLike, dataVolumeKeys, destroyContainer, moveDataVolumes } from '../updates/container-swap';
import { ensureOciImage } from '../updates/oci-image';
import type { ContainerActions } from './container-actions';
import { writeAppEnvironment } from './container-environment';
import { spareVmid } from './container-placement';

/** How Proxmox says a restore left the raw lxc options out (pve-container src/PVE/LXC/Create.pm L556). */
const DROPPED_LXC_OPTIONS = 'skipping custom lxc options';

/** The rebuild's decisions, kept in the operation (operation.context) so a retry continues it. */
const REBUILD = 'restore.rebuild';

export interface RestoreRebuild {
  node: string;
  /** The restored container, without the image's raw lxc options. */
  from: number;
  /** The container made from the image, which the app ends up in. */
  to: number;
  volumes: string[];
}

export function rememberedRebuild(run: OperationRun): RestoreRebuild | undefined {
  return run.recall<RestoreRebuild>(REBUILD);
}

export function droppedLxcOptions(warnings: readonly string[]): boolean {
  return warnings.some((w) => w.startsWith(DROPPED_LXC_OPTIONS));
}

/**
 * A restore by anyone but root@pam leaves out the container's raw lxc options (pve-container
 * src/PVE/LXC/Create.pm `sanitize_and_merge_config` L553-566), which for an app container are its
 * image's user, working directory and stop signal (`lxc.init.uid/gid/cwd`, `lxc.signal.halt`,
 * written by the OCI create, Create.pm L735-781). The API cannot set raw options (only root@pam,
 * editing the file), so an app whose command is relative to its working directory would not start,
 * and one that runs as a user would run as root. Only a create from the image writes them again:
 * a fresh container from the same image and version with the restored one's settings, env and
 * entrypoint, the restored data volumes handed to it (`move_volume` with `target-vmid`, a rename),
 * and the restored container destroyed. As after an update, what lay outside the data volumes
 * comes from the image. Safe to repeat from any point.
 */
export async function rebuildFromImage(containers: ContainerActions, db: DataSource, run: OperationRun, entry: CatalogEntry & { image: string }, version: string): Promise<void> {
  const plan = rememberedRebuild(run) ?? (await planRebuild(containers, db, run));
  const { node, from, to } = plan;
  const image = imageWithTag(entry.image, version);
  if (run.app.vmid === to) return run.log(`The app already runs in container ${to}, made from its image`);
  if (await containers.isOurs(node, from, run.app.id)) {
    const restored = await containers.pve.containerConfig(node, from);
    if (await containers.isOurs(node, to, run.app.id)) {
      await run.log(`Container ${to} already exists`);
    } else {
      const ostemplate = await ensureOciImage(containers, run, node, image);
      await createContainerLike(containers, run, {
        node, vmid: to, ostemplate, keepMac: true, label: `${entry.name} ${version}`, description: restored.description ?? '',
      }, restored);
    }
    // The restored env (the image's own variables and the app's) and entrypoint, over the image's.
    await writeAppEnvironment(containers, node, to, { env: parseEnv(restored.env), entrypoint: restored.entrypoint });
    await moveDataVolumes(containers, run, node, from, to, plan.volumes);
    await destroyContainer(containers, run, node, from);
  }
  await run.updateApp({ vmid: to });
  await run.log(`${run.app.hostname} runs in container ${to}, made from ${image} with the restored data (${plan.volumes.join(', ')})`);
}

async function planRebuild(containers: ContainerActions, db: DataSource, run: OperationRun): Promise<RestoreRebuild> {
  const { node, vmid } = containers.location(run);
  const volumes = dataVolumeKeys(await containers.pve.containerConfig(node, vmid));
  const plan: RestoreRebuild = { node, from: vmid, to: await spareVmid(containers, db), volumes };
  await run.remember(REBUILD, plan);
  await run.log(
    `Proxmox restored container ${vmid} without its image's user, working directory and stop signal (raw lxc options come back for root@pam only): ` +
    `making container ${plan.to} from the image and moving the restored data volumes (${volumes.join(', ')}) into it`,
    'warn',
  );
  return plan;
}
