import { archiveFormat, archiveName, archiveTime, parseRetention, pruneByRetention, pruneKeepLast, renderNotes } from './backup-archive';

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

  describe('keep-daily/weekly/monthly like prune_mark_backup_group', () => {
    const at = (id: string, y: number, m: number, d: number, h = 12, prot = false) => ({ id, ctime: Math.floor(new Date(y, m - 1, d, h).getTime() / 1000), protected: prot });
    const ids = (list: Array<{ id: string }>): string[] => list.map((a) => a.id).sort();

    it('keeps the newest archive of each of the last N days', () => {
      const list = [at('d1-early', 2025, 10, 1, 8), at('d1-late', 2025, 10, 1, 20), at('d2', 2025, 10, 2), at('d3-early', 2025, 10, 3, 1), at('d3-late', 2025, 10, 3, 23)];
      expect(ids(pruneByRetention(list, { 'keep-daily': 2 }))).toEqual(['d1-early', 'd1-late', 'd3-early']);
    });

    it('lets keep-last cover periods before keep-daily counts, then weekly and monthly reach further back', () => {
      const list = [
        at('now', 2025, 10, 15, 12),
        at('now-1h', 2025, 10, 15, 11),
        at('yesterday', 2025, 10, 14),
        at('last-week', 2025, 10, 8),
        at('two-weeks', 2025, 10, 1),
        at('september', 2025, 9, 10),
        at('august', 2025, 8, 10),
      ];
      // keep-last=2 keeps both of today; keep-daily=2 adds yesterday and Oct 8 (today is already covered);
      // keep-weekly=1 adds the week of Oct 1; keep-monthly=2 adds September and August.
      expect(pruneByRetention(list, { 'keep-last': 2, 'keep-daily': 2, 'keep-weekly': 1, 'keep-monthly': 2 })).toEqual([]);
      // keep-daily=1 keeps today's newest; October is then covered, so keep-monthly=1 keeps September.
      expect(ids(pruneByRetention(list, { 'keep-daily': 1, 'keep-monthly': 1 }))).toEqual(['august', 'last-week', 'now-1h', 'two-weeks', 'yesterday']);
      expect(ids(pruneByRetention(list, { 'keep-weekly': 2 }))).toEqual(['august', 'now-1h', 'september', 'two-weeks', 'yesterday']);
    });

    it('never prunes protected archives and does not count them', () => {
      const list = [at('new-protected', 2025, 10, 3, 12, true), at('old', 2025, 10, 2), at('older', 2025, 10, 1)];
      expect(ids(pruneByRetention(list, { 'keep-daily': 1 }))).toEqual(['older']);
    });

    it('keeps everything with keep-all or without a positive option', () => {
      const list = [at('a', 2025, 10, 1), at('b', 2025, 10, 2)];
      expect(pruneByRetention(list, { 'keep-all': 1, 'keep-last': 1 })).toEqual([]);
      expect(pruneByRetention(list, { 'keep-daily': 0 })).toEqual([]);
    });
  });
});
