import { resolveResources } from './resources.resolver';

const entry = {
  name: 'Uptime Kuma',
  resources: { min: { cores: 1, memoryMb: 256, diskGb: 2 }, default: { cores: 1, memoryMb: 512, diskGb: 4 } },
};

describe('resolveResources', () => {
  it('uses the defaults when nothing is requested', () => {
    expect(resolveResources(entry, undefined)).toEqual({ resources: { cores: 1, memoryMb: 512, diskGb: 4 }, errors: {} });
  });

  it('fills what was not requested from the defaults', () => {
    expect(resolveResources(entry, { memoryMb: 1024 })).toEqual({ resources: { cores: 1, memoryMb: 1024, diskGb: 4 }, errors: {} });
  });

  it('refuses values below the minimum, naming the app', () => {
    const { errors } = resolveResources(entry, { memoryMb: 128, diskGb: 1 });
    expect(errors).toEqual({
      'resources.memoryMb': 'must be at least 256 MB for Uptime Kuma',
      'resources.diskGb': 'must be at least 2 GB for Uptime Kuma',
    });
  });

  it('refuses non-integers, non-positive values and unknown fields', () => {
    const { errors } = resolveResources(entry, { cores: 1.5, memoryMb: -1, swapMb: 512 });
    expect(errors).toEqual({
      'resources.cores': 'must be a positive whole number',
      'resources.memoryMb': 'must be a positive whole number',
      'resources.swapMb': 'unknown resource "swapMb"; use cores, memoryMb, diskGb',
    });
  });

  it('refuses a body that is not an object', () => {
    expect(resolveResources(entry, 'big').errors).toEqual({ resources: 'must be an object {cores, memoryMb, diskGb}' });
  });
});
