import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  it('round-trips and never shows the plain text', () => {
    const box = new SecretBox('k'.repeat(32));
    const sealed = box.seal('hunter2-admin-password');
    expect(sealed).not.toContain('hunter2');
    expect(box.open(sealed)).toBe('hunter2-admin-password');
  });

  it('refuses a box sealed with another key', () => {
    const sealed = new SecretBox('a'.repeat(32)).seal('x');
    expect(() => new SecretBox('b'.repeat(32)).open(sealed)).toThrow();
  });
});
