import { nodeContainerFeatures } from './container-features';

describe('nodeContainerFeatures', () => {
  const pkg = (OldVersion: string, Version = OldVersion) => [{ Package: 'pve-manager', Version: '9.2.11', OldVersion: '9.2.11' }, { Package: 'pve-container', Version, OldVersion }];

  it('offers keepattrs from pve-container 6.1.2 on, by the installed version (OldVersion), not the candidate', () => {
    expect(nodeContainerFeatures(pkg('6.1.10'))).toEqual({ version: '6.1.10', keepattrs: true });
    expect(nodeContainerFeatures(pkg('6.1.2'))).toEqual({ version: '6.1.2', keepattrs: true });
    expect(nodeContainerFeatures(pkg('6.1.1', '6.1.10'))).toEqual({ version: '6.1.1', keepattrs: false });
    expect(nodeContainerFeatures(pkg('6.0.18'))).toEqual({ version: '6.0.18', keepattrs: false });
  });

  it('offers nothing when the node does not list pve-container', () => {
    expect(nodeContainerFeatures([])).toEqual({ version: null, keepattrs: false });
  });
});
