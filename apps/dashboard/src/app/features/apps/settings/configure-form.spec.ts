import { anApp } from '@proxdeck/dashboard-data-access';
import { initialConfigureValues, toConfigureRequest, validateConfigure } from './configure-form';

describe('configure form', () => {
  const app = anApp({ resources: { cores: 1, memoryMb: 512, diskGb: 4 }, env: { TZ: 'UTC', OLD: 'x' } });

  it('sends only what changed, and null for a removed variable', () => {
    const values = { ...initialConfigureValues(app), memoryMb: '1024', env: [{ key: 'TZ', value: 'Europe/Berlin' }, { key: 'NEW', value: '1' }] };
    expect(toConfigureRequest(app, values)).toEqual({ memoryMb: 1024, env: { TZ: 'Europe/Berlin', NEW: '1', OLD: null } });
  });

  it('sends nothing when nothing changed', () => {
    expect(toConfigureRequest(app, initialConfigureValues(app))).toEqual({});
  });

  it('refuses a smaller disk, saying it can only grow', () => {
    expect(validateConfigure(app, { ...initialConfigureValues(app), diskGb: '2' }).diskGb).toBe('Disk can only grow: enter at least 4 GB.');
  });

  it('refuses bad and doubled variable names', () => {
    const base = initialConfigureValues(app);
    expect(validateConfigure(app, { ...base, env: [{ key: '1X', value: '' }] }).env).toContain('1X is not a valid variable name');
    expect(validateConfigure(app, { ...base, env: [{ key: 'A', value: '1' }, { key: 'A', value: '2' }] }).env).toBe('Each variable name may appear only once.');
  });
});
