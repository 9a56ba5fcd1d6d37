import { isUpid, parseUpid } from './upid';

describe('parseUpid', () => {
  it('decodes a token-owned vzclone UPID seen on a real cluster', () => {
    expect(parseUpid('UPID:proxmox2:000D7AA2:08D5A17C:63DF62A5:vzclone:200:root@pam!api_token:')).toEqual({
      node: 'proxmox2',
      pid: 0xd7aa2,
      pstart: 0x08d5a17c,
      starttime: 0x63df62a5,
      type: 'vzclone',
      id: '200',
      user: 'root@pam!api_token',
    });
  });

  it('accepts an empty id, a 9-digit pstart and a dashed node name', () => {
    const upid = parseUpid('UPID:pve-node-1:00001234:1A2B3C4D5:67100000:vzdump::root@pam:');
    expect(upid.node).toBe('pve-node-1');
    expect(upid.pstart).toBe(0x1a2b3c4d5);
    expect(upid.id).toBe('');
    expect(upid.type).toBe('vzdump');
  });

  it.each([
    ['missing trailing colon', 'UPID:pve:00001234:00005678:67100000:vzstart:100:root@pam'],
    ['short pid', 'UPID:pve:1234:00005678:67100000:vzstart:100:root@pam:'],
    ['no prefix', 'pve:00001234:00005678:67100000:vzstart:100:root@pam:'],
    ['node starting with a dash', 'UPID:-pve:00001234:00005678:67100000:vzstart:100:root@pam:'],
    ['empty user', 'UPID:pve:00001234:00005678:67100000:vzstart:100::'],
    ['empty string', ''],
  ])('throws on %s', (_label, value) => {
    expect(() => parseUpid(value)).toThrow(/UPID/);
    expect(isUpid(value)).toBe(false);
  });

  it('recognises a valid UPID', () => {
    expect(isUpid('UPID:pve:00001234:00005678:67100000:vzstart:100:root@pam:')).toBe(true);
    expect(isUpid(42)).toBe(false);
  });
});
