import type { ImagePort } from './image-definition';

/** One entry of the appliance index (`pveam available`, `GET /nodes/{n}/aplinfo`). */
export interface ApplianceTemplate {
  template: string;
  package: string;
  os: string;
  version: string;
  section: 'system' | 'turnkeylinux';
  headline: string;
  description: string;
  sizeMiB: number;
  /** What a CT made from it serves once started. */
  ports: ImagePort[];
  page: { title: string; body: string };
}

const standard = (template: string, pkg: string, os: string, version: string, headline: string, sizeMiB: number): ApplianceTemplate => ({
  template,
  package: pkg,
  os,
  version,
  section: 'system',
  headline,
  description: headline,
  sizeMiB,
  // A bare OS serves nothing; ssh is there.
  ports: [{ port: 22, protocol: 'tcp' }],
  page: { title: headline, body: `<h1>${headline}</h1>` },
});

const turnkey = (app: string, title: string, version: string, sizeMiB: number): ApplianceTemplate => ({
  template: `debian-12-turnkey-${app}_${version}_amd64.tar.gz`,
  package: `turnkey-${app}`,
  os: 'debian-12',
  version,
  section: 'turnkeylinux',
  headline: `TurnKey ${title}`,
  description: `TurnKey ${title} appliance`,
  sizeMiB,
  ports: [
    { port: 80, protocol: 'http' },
    { port: 22, protocol: 'tcp' },
  ],
  page: { title: `TurnKey ${title}`, body: `<h1>TurnKey ${title}</h1><p>Your ${title} appliance is running.</p>` },
});

/** The sim's appliance index: a few system templates and TurnKey apps. */
export const APPLIANCE_TEMPLATES: readonly ApplianceTemplate[] = [
  standard('debian-12-standard_12.7-1_amd64.tar.zst', 'debian-12-standard', 'debian-12', '12.7-1', 'Debian 12 Bookworm (standard)', 120),
  standard('debian-13-standard_13.1-2_amd64.tar.zst', 'debian-13-standard', 'debian-13', '13.1-2', 'Debian 13 Trixie (standard)', 125),
  standard('ubuntu-24.04-standard_24.04-2_amd64.tar.zst', 'ubuntu-24.04-standard', 'ubuntu-24.04', '24.04-2', 'Ubuntu 24.04 Noble (standard)', 140),
  standard('alpine-3.22-default_20250617_amd64.tar.xz', 'alpine-3.22-default', 'alpine-3.22', '20250617', 'Alpine Linux 3.22 (default)', 3),
  turnkey('wordpress', 'WordPress', '18.0-1', 390),
  turnkey('nextcloud', 'Nextcloud', '18.1-1', 520),
  turnkey('gitea', 'Gitea', '18.0-1', 330),
];

export function findAppliance(template: string): ApplianceTemplate | undefined {
  return APPLIANCE_TEMPLATES.find((t) => t.template === template);
}
