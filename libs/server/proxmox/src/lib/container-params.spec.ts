import { normalizeTags, parseTags, toLxcParams } from './container-params';

describe('toLxcParams', () => {
  it('flattens mount points, joins tags and keeps scalars', () => {
    expect(
      toLxcParams({
        hostname: 'blog',
        cores: 2,
        memory: 1024,
        mp: { 0: 'local-lvm:8,mp=/data', 2: 'local-lvm:1,mp=/cache' },
        tags: ['Proxdeck', 'blog', 'proxdeck'],
        start: false,
        description: undefined,
      }),
    ).toEqual({
      hostname: 'blog',
      cores: 2,
      memory: 1024,
      mp0: 'local-lvm:8,mp=/data',
      mp2: 'local-lvm:1,mp=/cache',
      tags: 'blog;proxdeck',
      start: false,
    });
  });

  it('turns a delete list into PVE comma form and drops an empty one', () => {
    expect(toLxcParams({ delete: ['mp1', 'env'] })).toEqual({ delete: 'mp1,env' });
    expect(toLxcParams({ delete: [] })).toEqual({});
  });

  it('rejects an out-of-range mount point index', () => {
    expect(() => toLxcParams({ mp: { 256: 'x' } })).toThrow(/index/);
  });
});

describe('tags', () => {
  it('normalizes like PVE and parses any separator', () => {
    expect(normalizeTags([' B', 'a', 'b'])).toBe('a;b');
    expect(parseTags('proxdeck;blog,web x')).toEqual(['proxdeck', 'blog', 'web', 'x']);
    expect(parseTags(undefined)).toEqual([]);
  });
});

describe('devices', () => {
  it('flattens passed-through devices to dev0..devN and refuses an out-of-range index', () => {
    expect(toLxcParams({ dev: { 0: '/dev/ttyACM0', 1: '/dev/dri/renderD128' } })).toEqual({ dev0: '/dev/ttyACM0', dev1: '/dev/dri/renderD128' });
    expect(() => toLxcParams({ dev: { 256: '/dev/null' } })).toThrow('device index out of range: 256');
  });
});
