import { withBackupFlag } from './data-volume-backup';

describe('withBackupFlag', () => {
  it('adds backup=1 to a mount point, replacing backup=0', () => {
    expect(withBackupFlag('local-lvm:vm-100-disk-1,mp=/data,size=2G')).toBe('local-lvm:vm-100-disk-1,mp=/data,size=2G,backup=1');
    expect(withBackupFlag('local-lvm:vm-100-disk-1,backup=0,mp=/data,size=2G')).toBe('local-lvm:vm-100-disk-1,mp=/data,size=2G,backup=1');
  });
});
