import { dieError, paramError } from '../params/api-error';
import { strParam } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import { APPLIANCE_TEMPLATES, findAppliance, type ApplianceTemplate } from '../images/appliance-templates';
import { volumePath } from '../state/storage-model';
import { TaskFailure } from '../tasks/task-runner';
import { parseUpid } from '../tasks/upid';

const MiB = 1024 ** 2;

/** PVE/APLInfo.pm `get_apl_sources` L199-214: the URL each section's index comes from. */
const SOURCES: Record<ApplianceTemplate['section'], string> = {
  system: 'http://download.proxmox.com/images',
  turnkeylinux: 'https://releases.turnkeylinux.org/pve',
};

/** APLInfo.pm L90-101: a relative `Location` is taken from the index's URL. */
function applianceLocation(t: ApplianceTemplate): string {
  return t.section === 'system' ? `${SOURCES.system}/system/${t.template}` : `${SOURCES.turnkeylinux}/${t.template}`;
}

/** `GET/POST /nodes/{node}/aplinfo` (PVE/API2/Nodes.pm, PVE/APLInfo.pm): the appliance index and its downloads. */
export const aplinfoRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/nodes/{node}/aplinfo',
    handler: () =>
      APPLIANCE_TEMPLATES.map((t) => ({
        template: t.template,
        package: t.package,
        type: 'lxc',
        os: t.os,
        version: t.version,
        section: t.section,
        headline: t.headline,
        description: t.description,
        location: applianceLocation(t),
        sha512sum: 'a'.repeat(128),
        // PVE/APLInfo.pm L103: `source` is the index's own URL (`get_apl_sources` L199-214).
        source: SOURCES[t.section],
        infopage: t.section === 'turnkeylinux' ? `https://www.turnkeylinux.org/${t.package.replace('turnkey-', '')}` : 'https://pve.proxmox.com/wiki/Linux_Container',
        architecture: 'amd64',
        maintainer: t.section === 'turnkeylinux' ? 'Jeremy Davis <jeremy@turnkeylinux.org>' : 'Proxmox Support Team <support@proxmox.com>',
        manageurl: t.ports.some((p) => p.protocol === 'http') ? 'https://__IPADDRESS__/' : undefined,
      })),
  },
  {
    method: 'POST',
    path: '/nodes/{node}/aplinfo',
    schema: { storage: { type: 'string', format: 'pve-storage-id' }, template: { type: 'string', maxLength: 255 } },
    handler: ({ params, sim, auth }) => {
      const node = strParam(params, 'node') ?? '';
      const storage = strParam(params, 'storage') ?? '';
      const name = strParam(params, 'template') ?? '';
      const appliance = findAppliance(name);
      if (!appliance) throw paramError({ template: 'no such template' });
      const def = sim.state.requireStorage(storage);
      if (!def.content.includes('vztmpl')) throw dieError(`storage '${storage}' does not support templates`);
      const volid = `${storage}:vztmpl/${name}`;
      const dest = volumePath(def, `vztmpl/${name}`);
      const url = applianceLocation(appliance);
      // pve-common src/PVE/Tools.pm `download_file_from_url` L1486-1595 (PVE/API2/Nodes.pm `apl_download` worker L1826-1841).
      return sim.tasks.start({
        node,
        type: 'download',
        id: name,
        user: auth.fullUser,
        work: async (ctx) => {
          ctx.log(`downloading ${url} to ${dest}`);
          if (sim.state.volume(node, volid)) {
            // An existing file with the index's checksum is kept (L1501-1508).
            ctx.log('calculating checksum of existing file...OK, got correct file already, no need to download');
            return;
          }
          await ctx.step(2000);
          const size = appliance.sizeMiB * MiB;
          // wget's write error as `run_command` reports it: "download failed: <last stderr line>"
          // (L1544-1550; pve-common src/PVE/Cmd.pm L289-292, L320-322). Simplification: no wget progress lines.
          const pid = parseUpid(ctx.upid)?.pid ?? 0;
          if (size > sim.state.usage(node, def).avail) throw new TaskFailure(`download failed: Cannot write to '${dest}.tmp_dwnl.${pid}' (No space left on device).`);
          ctx.log('calculating checksum...OK, checksum verified');
          sim.state.addVolume({ volid, node, storage, content: 'vztmpl', format: name.endsWith('.zst') ? 'tzst' : name.endsWith('.xz') ? 'txz' : 'tgz', size, ctime: sim.nowSeconds(), appliance: name });
          ctx.log(`download of '${url}' to '${dest}' finished`);
        },
      }).upid;
    },
  },
];
