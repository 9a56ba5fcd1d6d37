import { availableUpdates, catalogUpdateFor, compareVersionTags, isTrackedTag, pickUpdateTag, repositoryOf } from './catalog-updates';

const nginx = { updates: { track: '^1\\.27\\.\\d+$' }, image: 'docker.io/library/nginx:1.27.3' };

describe('update tracks', () => {
  it('matches tags on the track only', () => {
    expect(isTrackedTag(nginx, '1.27.4')).toBe(true);
    expect(isTrackedTag(nginx, '1.28.0')).toBe(false);
    expect(isTrackedTag(nginx, 'latest')).toBe(false);
    expect(isTrackedTag({ updates: undefined }, '1.27.4')).toBe(false);
  });

  it('orders version tags numerically', () => {
    expect(compareVersionTags('v1.10.10', 'v1.10.9')).toBeGreaterThan(0);
    expect(compareVersionTags('1.27.3', '1.27.3')).toBe(0);
    expect(compareVersionTags('1.27', '1.27.1')).toBeLessThan(0);
    expect(compareVersionTags('2024.10.22-7ca5933', '2024.9.1-0000000')).toBeGreaterThan(0);
  });

  it('picks the newest tracked tag newer than the current one', () => {
    expect(pickUpdateTag(nginx, '1.27.3', ['1.27.2', '1.27.10', '1.27.4', '1.28.0', 'latest'])).toBe('1.27.10');
    expect(pickUpdateTag(nginx, '1.27.10', ['1.27.2', '1.27.4'])).toBeNull();
  });

  it('offers the catalog image as an update for an older install', () => {
    expect(catalogUpdateFor(nginx, '1.27.1')).toBe('1.27.3');
    expect(catalogUpdateFor(nginx, '1.27.3')).toBeNull();
  });
});

describe('availableUpdates and repositoryOf', () => {
  const entry = { updates: { track: '^1\\.27\\.\\d+$' } };

  it('lists newer tags on the track, newest first, and the newest tracked tag', () => {
    expect(availableUpdates(entry, '1.27.3', ['1.27.3', '1.27.10', '1.28.0', 'latest', '1.27.4', '1.27.4'])).toEqual({ latest: '1.27.10', versions: ['1.27.10', '1.27.4'] });
    expect(availableUpdates(entry, '1.27.10', ['1.27.3', '1.27.10'])).toEqual({ latest: '1.27.10', versions: [] });
    expect(availableUpdates(entry, '1.27.3', ['2.0.0'])).toEqual({ latest: null, versions: [] });
  });

  it('names the repository the registry is asked about', () => {
    expect(repositoryOf('docker.io/library/nginx:1.27.3')).toBe('docker.io/library/nginx');
    expect(repositoryOf('ghcr.io/gethomepage/homepage:v1.0.0')).toBe('ghcr.io/gethomepage/homepage');
  });
});
