import { ApiError } from '../params/api-error';
import { validateParams } from '../params/param-schema';
import { CREATE_SCHEMA } from './lxc-schema';

function errorsOf(raw: Record<string, string>): Record<string, string> | undefined {
  try {
    validateParams(CREATE_SCHEMA, raw);
    return undefined;
  } catch (e) {
    if (e instanceof ApiError) return e.errors;
    throw e;
  }
}

describe('LXC create schema', () => {
  const base = { vmid: '100', ostemplate: 'local:vztmpl/nginx_1.27.3.tar' };

  it('accepts indexed keys, NUL-separated env and tag lists', () => {
    expect(errorsOf({ ...base, net0: 'name=eth0', mp7: 'local-lvm:1,mp=/x', env: 'A=1\0B=two words', tags: 'proxdeck;web app' })).toBeUndefined();
  });

  it('rejects malformed env, tags, hostnames and small memory', () => {
    expect(errorsOf({ ...base, env: 'not-an-assignment', tags: 'bad!tag', hostname: 'under_score', memory: '8' })).toEqual({
      env: 'value does not match the regex pattern',
      tags: 'value does not match the regex pattern',
      hostname: 'invalid format - value does not look like a valid DNS name\n',
      memory: 'value must have a minimum value of 16',
    });
  });

  it('knows only net0..net31', () => {
    expect(errorsOf({ ...base, net32: 'name=eth0' })).toEqual({ net32: 'property is not defined in schema and the schema does not allow additional properties' });
  });
});
