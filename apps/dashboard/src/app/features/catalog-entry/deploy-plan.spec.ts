import { aCatalogItem } from '../catalog/catalog-item.fixture';
import { deployPlan } from './deploy-plan';

describe('deployPlan', () => {
  it('lists the image, the container, its root disk and a mount point per volume', () => {
    const plan = deployPlan(aCatalogItem({ volumes: [{ name: 'data', path: '/data', sizeGb: 0.5 }, { name: 'config', path: '/config', sizeGb: 3 }] }));
    expect(plan.map((p) => [p.kind, p.label])).toEqual([
      ['image', 'Image docker.io/library/nginx:1.27'],
      ['container', 'An unprivileged LXC container'],
      ['rootfs', 'Root disk, 2 GB'],
      ['mount-point', 'Volume "data", 1 GB'],
      ['mount-point', 'Volume "config", 3 GB'],
    ]);
    expect(plan[1].detail).toContain('1 core and 256 MB of memory');
    expect(plan[3].detail).toContain('mounted at /data');
  });

  it('names the appliance template for runtime template', () => {
    const plan = deployPlan(aCatalogItem({ runtime: 'template', image: null, template: 'debian-12-turnkey-wordpress_18.0-1_amd64.tar.gz' }));
    expect(plan[0]).toMatchObject({ kind: 'template', label: 'Appliance template debian-12-turnkey-wordpress_18.0-1_amd64.tar.gz' });
  });
});
