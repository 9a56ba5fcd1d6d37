import { dieError, paramError } from '../params/api-error';
import { strParam } from '../params/param-schema';
import type { RouteDef } from '../http/router';
import { APPLIANCE_TEMPLATES, findAppliance } from '../images/appliance-templates';
import { volumePath } from '../state/storage-model';
import { TaskFailure } from '../tasks/task-runner';

const MiB = 1024 ** 2;

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
        location: `http://download.proxmox.com/images/system/${t.template}`,
        sha512sum: 'a'.repeat(128),
        source: t.section === 'turnkeylinux' ? 'https://www.turnkeylinux.org' : 'https://www.proxmox.com',
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
      const path = volumePath(def, `vztmpl/${name}`);
      return sim.tasks.start({
        node,
        type: 'download',
        id: name,
        user: auth.fullUser,
        work: async (ctx) => {
          ctx.log(`starting template download from: http://download.proxmox.com/images/system/${name}`);
          ctx.log(`target file: ${path}`);
          await ctx.step(2000);
          const size = appliance.sizeMiB * MiB;
          if (size > sim.state.usage(node, def).avail) throw new TaskFailure(`write failed: No space left on device`);
          ctx.log(`${name}: 100% ${appliance.sizeMiB}MiB`);
          ctx.log('calculating checksum...OK, checksum verified');
          sim.state.addVolume({ volid, node, storage, content: 'vztmpl', format: name.endsWith('.zst') ? 'tzst' : name.endsWith('.xz') ? 'txz' : 'tgz', size, ctime: sim.nowSeconds(), appliance: name });
          ctx.log(`download of 'http://download.proxmox.com/images/system/${name}' to '${path}' finished`);
        },
      }).upid;
    },
  },
];
