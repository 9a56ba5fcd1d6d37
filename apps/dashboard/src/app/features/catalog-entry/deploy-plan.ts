import type { CatalogItemDto } from '@proxdeck/shared-contracts';

/** One thing a deploy creates in Proxmox, as the app page lists it before the user deploys. */
export interface PlannedResource {
  kind: 'container' | 'rootfs' | 'mount-point' | 'image' | 'template';
  label: string;
  detail: string;
}

/**
 * What deploying this entry with its default resources creates, in the order the worker does it
 * (ARCHITECTURE.md "Deploy"): the image or template in the template storage (shared, kept after
 * delete), one unprivileged LXC container, its root disk, and one mount point per volume.
 */
export function deployPlan(item: CatalogItemDto): PlannedResource[] {
  const { cores, memoryMb, diskGb } = item.resources.default;
  const plan: PlannedResource[] = [];
  if (item.runtime === 'template') {
    plan.push({
      kind: 'template',
      label: `Appliance template ${item.template ?? item.version}`,
      detail: "Downloaded from Proxmox's appliance index into the template storage, unless it is already there. Shared by apps that use it.",
    });
  } else {
    plan.push({
      kind: 'image',
      label: `Image ${item.image ?? item.version}`,
      detail: 'Pulled into the template storage unless it is cached there. Shared by apps that use it.',
    });
  }
  plan.push({
    kind: 'container',
    label: 'An unprivileged LXC container',
    detail: `On the online node with the most free memory (or the one you choose), with ${cores} ${cores === 1 ? 'core' : 'cores'} and ${memoryMb} MB of memory, on a DHCP address of the bridge.`,
  });
  plan.push({ kind: 'rootfs', label: `Root disk, ${diskGb} GB`, detail: 'On a storage that holds container disks.' });
  for (const volume of item.volumes) {
    plan.push({
      kind: 'mount-point',
      label: `Volume "${volume.name}", ${Math.max(1, Math.ceil(volume.sizeGb))} GB`,
      detail: `Its own disk, mounted at ${volume.path}; deleted with the app.`,
    });
  }
  return plan;
}
