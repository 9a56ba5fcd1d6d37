import { generateSecret, generateSecrets, SECRET_ALPHABET } from './catalog-secrets';

/** Deterministic byte source cycling through every byte value, so rejected bytes (>= 248) occur. */
function cyclingBytes() {
  let next = 0;
  return (size: number) => Uint8Array.from({ length: size }, () => next++ % 256);
}

describe('secret generation', () => {
  it('produces the declared length from the alphabet', () => {
    const secret = generateSecret(300, cyclingBytes());
    expect(secret).toHaveLength(300);
    expect([...secret].every((c) => SECRET_ALPHABET.includes(c))).toBe(true);
  });

  it('skips bytes that would bias the alphabet', () => {
    const secret = generateSecret(2, () => Uint8Array.from([255, 248, 0, 61]));
    expect(secret).toBe('A9');
  });

  it('generates one value per declared secret', () => {
    const values = generateSecrets({ secrets: [{ key: 'admin_token', length: 48 }, { key: 'db_password', length: 24 }] }, cyclingBytes());
    expect(Object.keys(values)).toEqual(['admin_token', 'db_password']);
    expect(values['admin_token']).toHaveLength(48);
    expect(values['db_password']).toHaveLength(24);
  });
});

describe('generateSecrets with bcrypt: true', () => {
  it('adds <key>_bcrypt from the given hash function, and refuses to go without one', () => {
    const bytes = () => Uint8Array.from({ length: 64 }, (_, i) => i);
    const values = generateSecrets({ secrets: [{ key: 'ui_password', length: 12, bcrypt: true }] }, bytes, (v) => `hash(${v})`);
    expect(values).toEqual({ ui_password: values['ui_password'], ui_password_bcrypt: `hash(${values['ui_password']})` });
    expect(() => generateSecrets({ secrets: [{ key: 'ui_password', length: 12, bcrypt: true }] }, bytes)).toThrow(
      'secret "ui_password" has bcrypt: true, but no bcrypt hash function was given',
    );
  });
});
