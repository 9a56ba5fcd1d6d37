import { imageFileName } from './oci-image';

describe('imageFileName', () => {
  it('turns an image reference into one stable, storage-safe file name', () => {
    expect(imageFileName('docker.io/library/nginx:1.27.3')).toBe('docker.io_library_nginx_1.27.3');
    expect(imageFileName('ghcr.io/corentinth/it-tools:2024.10.22-7ca5933')).toBe('ghcr.io_corentinth_it-tools_2024.10.22-7ca5933');
  });
});
