import { imagePinProblem, imageTag, imageWithTag, parseImageRef } from './image-ref';

describe('image references', () => {
  it('parses registry, repository and tag', () => {
    expect(parseImageRef('ghcr.io/corentinth/it-tools:2024.10.22-7ca5933')).toEqual({
      registry: 'ghcr.io',
      repository: 'corentinth/it-tools',
      tag: '2024.10.22-7ca5933',
      digest: null,
    });
    expect(parseImageRef('registry.lan:5000/app@sha256:abc')).toEqual({ registry: 'registry.lan:5000', repository: 'app', tag: null, digest: 'sha256:abc' });
    expect(parseImageRef('library/nginx:1.27.3').registry).toBeNull();
  });

  it('reads the tag', () => {
    expect(imageTag('docker.io/library/nginx:1.27.3')).toBe('1.27.3');
    expect(imageTag('docker.io/library/nginx')).toBeNull();
  });

  it('swaps the tag for an update', () => {
    expect(imageWithTag('docker.io/library/nginx:1.27.3', '1.27.4')).toBe('docker.io/library/nginx:1.27.4');
  });

  it('explains unpinned images', () => {
    expect(imagePinProblem('docker.io/library/nginx:1.27.3')).toBeNull();
    expect(imagePinProblem('docker.io/library/nginx:LATEST')).toBe('tag "latest" is not allowed; pin a version');
    expect(imagePinProblem('docker.io/library/nginx:bad tag')).toBe('"docker.io/library/nginx:bad tag" is not a valid image reference');
  });
});
