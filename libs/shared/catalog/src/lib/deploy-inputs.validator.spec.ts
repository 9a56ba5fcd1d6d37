import { deployInputValues, validateDeployInputs } from './deploy-inputs.validator';
import type { CatalogEntry } from './catalog-entry.schema';

const entry: Pick<CatalogEntry, 'name' | 'inputs'> = {
  name: 'Example',
  inputs: [
    { key: 'timezone', label: 'Time zone', type: 'string', default: 'UTC', required: true, pattern: '[A-Za-z_/+-]+' },
    { key: 'admin_email', label: 'Admin e-mail', type: 'string', required: true, pattern: '^[^@\\s]+@[^@\\s]+$' },
    { key: 'workers', label: 'Workers', type: 'number', required: false },
    { key: 'signups', label: 'Sign-ups', type: 'boolean', required: false },
  ],
};

describe('validateDeployInputs', () => {
  it('accepts valid values', () => {
    expect(validateDeployInputs(entry, { admin_email: 'a@b.c', workers: '4', signups: 'false' })).toEqual({});
  });

  it('requires a required input without default', () => {
    expect(validateDeployInputs(entry, {})).toEqual({ 'inputs.admin_email': 'Admin e-mail is required' });
    expect(validateDeployInputs(entry, undefined)).toEqual({ 'inputs.admin_email': 'Admin e-mail is required' });
    expect(validateDeployInputs(entry, { admin_email: '' })).toEqual({ 'inputs.admin_email': 'Admin e-mail is required' });
  });

  it('lets a required input with a default be omitted', () => {
    expect(validateDeployInputs(entry, { admin_email: 'a@b.c' })['inputs.timezone']).toBeUndefined();
  });

  it('checks the pattern against the whole value', () => {
    expect(validateDeployInputs(entry, { admin_email: 'a@b.c', timezone: 'Europe/Berlin; rm -rf /' })).toEqual({
      'inputs.timezone': '"Europe/Berlin; rm -rf /" does not match [A-Za-z_/+-]+',
    });
  });

  it('checks number and boolean types', () => {
    expect(validateDeployInputs(entry, { admin_email: 'a@b.c', workers: 'four', signups: 'yes' })).toEqual({
      'inputs.workers': '"four" is not a number',
      'inputs.signups': '"yes" must be "true" or "false"',
    });
  });

  it('refuses unknown keys, naming them', () => {
    expect(validateDeployInputs(entry, { admin_email: 'a@b.c', colour: 'red' })).toEqual({
      'inputs.colour': 'unknown input "colour"; Example accepts timezone, admin_email, workers, signups',
    });
  });

  it('refuses values that are not strings and bodies that are not objects', () => {
    expect(validateDeployInputs(entry, { admin_email: 42 })).toEqual({ 'inputs.admin_email': 'must be a string' });
    expect(validateDeployInputs(entry, ['a'])).toEqual({ inputs: 'must be an object of input key -> value' });
  });
});

describe('deployInputValues', () => {
  it('fills defaults and empties for what was not given', () => {
    expect(deployInputValues(entry, { admin_email: 'a@b.c', workers: '' })).toEqual({
      timezone: 'UTC',
      admin_email: 'a@b.c',
      workers: '',
      signups: '',
    });
  });
});
