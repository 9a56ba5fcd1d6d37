import { compareSync, getRounds } from 'bcryptjs';
import { generateSecrets } from './app-secrets';

describe('generateSecrets', () => {
  it('generates one password of the declared length per secret, letters and digits only', () => {
    const secrets = generateSecrets({ secrets: [{ key: 'admin_token', length: 48, bcrypt: false }, { key: 'db_password', length: 24, bcrypt: false }] });
    expect(Object.keys(secrets)).toEqual(['admin_token', 'db_password']);
    expect(secrets['admin_token']).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(secrets['db_password']).toMatch(/^[A-Za-z0-9]{24}$/);
  });

  it('adds <key>_bcrypt for a bcrypt secret: a cost-10 hash that verifies the password and no other', () => {
    const secrets = generateSecrets({ secrets: [{ key: 'ui_password', length: 24, bcrypt: true }, { key: 'other', length: 12, bcrypt: false }] });
    expect(Object.keys(secrets).sort()).toEqual(['other', 'ui_password', 'ui_password_bcrypt']);
    const hash = secrets['ui_password_bcrypt'];
    expect(hash).toMatch(/^\$2[aby]\$10\$/);
    expect(getRounds(hash)).toBe(10);
    expect(compareSync(secrets['ui_password'], hash)).toBe(true);
    expect(compareSync(`${secrets['ui_password']}x`, hash)).toBe(false);
  });
});
