import { formatUpid, parseUpid } from './upid';

describe('UPID', () => {
  it('formats uppercase, zero-padded hex with a trailing colon', () => {
    const upid = formatUpid({ node: 'pve1', pid: 0xd7aa2, pstart: 0x8d5a17c, starttime: 0x63df62a5, type: 'vzclone', id: '200', user: 'root@pam!api_token' });
    expect(upid).toBe('UPID:pve1:000D7AA2:08D5A17C:63DF62A5:vzclone:200:root@pam!api_token:');
  });

  it('parses what it formats, including an empty id and a 9-digit pstart', () => {
    const parts = { node: 'pve', pid: 12345, pstart: 0x123456789, starttime: 1729080000, type: 'vzdump', id: '', user: 'root@pam' };
    expect(parseUpid(formatUpid(parts))).toEqual(parts);
  });

  it('rejects strings without the trailing colon or with a bad node', () => {
    expect(parseUpid('UPID:pve:000D7AA2:08D5A17C:63DF62A5:vzstart:100:root@pam')).toBeUndefined();
    expect(parseUpid('UPID:-pve:000D7AA2:08D5A17C:63DF62A5:vzstart:100:root@pam:')).toBeUndefined();
    expect(parseUpid('nonsense')).toBeUndefined();
  });
});
