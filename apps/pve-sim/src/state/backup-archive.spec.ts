import { archiveFormat, archiveName, archiveTime, parseRetention, pruneKeepLast, renderNotes } from './backup-archive';

describe('backup archives', () => {
  const date = new Date(2025, 9, 16, 12, 0, 5);

  it('names archives like vzdump, in local time', () => {
    expect(archiveName(100, date, 'zstd')).toBe('vzdump-lxc-100-2025_10_16-12_00_05.tar.zst');
    expect(archiveName(100, date, '0')).toBe('vzdump-lxc-100-2025_10_16-12_00_05.tar');
    expect(archiveFormat('vzdump-lxc-100-2025_10_16-12_00_05.tar.zst')).toBe('tar.zst');
    expect(archiveTime('local:backup/vzdump-lxc-100-2025_10_16-12_00_05.tar.zst')).toBe(Math.floor(date.getTime() / 1000));
  });

  it('renders notes templates and rejects unknown variables', () => {
    expect(renderNotes('{{guestname}} on {{node}}\\nid {{vmid}}', { guestname: 'web', node: 'pve1', vmid: '100' })).toEqual({ notes: 'web on pve1\nid 100' });
    expect(renderNotes('{{nope}}', {})).toEqual({ error: "found unknown variable 'nope'" });
  });

  it('prunes all but the newest N unprotected archives', () => {
    const list = [
      { id: 'a', ctime: 1 },
      { id: 'b', ctime: 2, protected: true },
      { id: 'c', ctime: 3 },
      { id: 'd', ctime: 4 },
    ];
    expect(pruneKeepLast(list, 2).map((a) => a.id)).toEqual(['a']);
    expect(parseRetention('keep-last=3, keep-daily=7,bogus')).toEqual({ 'keep-last': 3, 'keep-daily': 7 });
  });
});
