import { BUILTIN_IMAGES } from './builtin-images';
import { parseImageDefinitions } from './image-definition';
import { ImageRegistry, normalizeContentFilename, parseImageReference } from './image-registry';

describe('image references', () => {
  it('normalises docker.io short names', () => {
    expect(parseImageReference('nginx:1.27.3')).toEqual({ repository: 'docker.io/library/nginx', tag: '1.27.3' });
    expect(parseImageReference('traefik/whoami:v1.10.3')).toEqual({ repository: 'docker.io/traefik/whoami', tag: 'v1.10.3' });
    expect(parseImageReference('ghcr.io/gethomepage/homepage:v1.0.0')).toEqual({ repository: 'ghcr.io/gethomepage/homepage', tag: 'v1.0.0' });
    expect(parseImageReference('nginx')).toBeUndefined();
  });

  it('derives the template file name from the last segment and the tag', () => {
    expect(normalizeContentFilename('docker.io/library/nginx:1.27.3')).toBe('nginx_1.27.3');
    expect(normalizeContentFilename('ghcr.io/corentinth/it-tools:2024.10.22-7ca5933')).toBe('it-tools_2024.10.22-7ca5933');
    expect(normalizeContentFilename('a\\b/c d.tar')).toBe('c_d.tar');
  });
});

describe('ImageRegistry', () => {
  const registry = new ImageRegistry(BUILTIN_IMAGES);

  it('resolves known images and rejects unknown repositories and tags', () => {
    const ok = registry.resolve({ repository: 'docker.io/library/nginx', tag: '1.27.4' });
    expect('image' in ok && ok.image.ports).toEqual([{ port: 80, protocol: 'http' }]);
    expect(registry.resolve({ repository: 'docker.io/library/nginx', tag: '9.9.9' })).toEqual({ error: expect.stringContaining('manifest unknown') });
    expect(registry.resolve({ repository: 'docker.io/nobody/nothing', tag: '1' })).toEqual({ error: expect.stringContaining('denied') });
  });

  it('merges registry-file tags into built-in repositories', () => {
    const extra = parseImageDefinitions([{ repository: 'docker.io/library/nginx', tags: ['1.28.0'], ports: [{ port: 80, protocol: 'http' }], page: { title: 't', body: 'b' } }]);
    const merged = new ImageRegistry([...BUILTIN_IMAGES, ...extra]);
    expect('image' in merged.resolve({ repository: 'docker.io/library/nginx', tag: '1.27.3' })).toBe(true);
    expect('image' in merged.resolve({ repository: 'docker.io/library/nginx', tag: '1.28.0' })).toBe(true);
  });

  it('refuses latest in registry files', () => {
    expect(() => parseImageDefinitions([{ repository: 'docker.io/a/b', tags: ['latest'], ports: [], page: { title: '', body: '' } }])).toThrow(/latest/);
  });
});

describe('the built-in registry', () => {
  it('holds each repository once, with pinned tags and distinct ports', () => {
    const repos = BUILTIN_IMAGES.map((i) => i.repository);
    expect(new Set(repos).size).toBe(repos.length);
    for (const image of BUILTIN_IMAGES) {
      expect({ repo: image.repository, pinned: image.tags.length > 0 && !image.tags.includes('latest') }).toEqual({ repo: image.repository, pinned: true });
      expect(new Set(image.tags).size).toBe(image.tags.length);
      expect(new Set(image.ports.map((p) => p.port)).size).toBe(image.ports.length);
    }
  });

  it('serves the bundled catalog images, with a newer tag for update tests', () => {
    const registry = new ImageRegistry(BUILTIN_IMAGES);
    expect('image' in registry.resolve({ repository: 'docker.io/library/postgres', tag: '17.2' })).toBe(true);
    expect('image' in registry.resolve({ repository: 'docker.io/library/postgres', tag: '17.3' })).toBe(true);
    const mosquitto = registry.resolve({ repository: 'docker.io/library/eclipse-mosquitto', tag: '2.0.20' });
    expect('image' in mosquitto && mosquitto.image.ports[0]).toEqual({ port: 1883, protocol: 'tcp' });
    expect(BUILTIN_IMAGES.length).toBeGreaterThanOrEqual(70);
  });
});
