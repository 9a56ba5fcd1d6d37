import { mergeParams, parseFormParams, parseJsonParams } from './request-params';
import { validateParams } from '../params/param-schema';
import { ApiError } from '../params/api-error';

describe('request parameters', () => {
  it('parses form bodies with repeated keys as arrays', () => {
    expect(parseFormParams('a=1&b=x%2Fy&a=2')).toEqual({ a: ['1', '2'], b: 'x/y' });
  });

  it('parses JSON bodies into strings (booleans as 1/0)', () => {
    expect(parseJsonParams('{"vmid":100,"start":true,"tags":["a","b"],"x":null}')).toEqual({ vmid: '100', start: '1', tags: ['a', 'b'] });
  });

  it('lets the query override the body and drops _dc', () => {
    expect(mergeParams({ a: '1', b: '2' }, { a: '3', _dc: '123' })).toEqual({ a: '3', b: '2' });
  });
});

function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('validateParams', () => {
  const schema = {
    vmid: { type: 'integer', minimum: 100, maximum: 999999999, format: 'pve-vmid' },
    start: { type: 'boolean', optional: true },
    type: { type: 'string', optional: true, enum: ['vm', 'node'] },
  } as const;

  it('converts integers and booleans; a boolean is 1 or 0 only (JSONSchema.pm check_type)', () => {
    expect(validateParams(schema, { vmid: '100', start: '1' })).toEqual({ vmid: 100, start: 1 });
    expect(thrown(() => validateParams(schema, { vmid: '100', start: 'true' })).errors).toEqual({ start: "type check ('boolean') failed - got 'true'" });
  });

  it('takes key= as absent (AnyEvent.pm decode_urlencoded)', () => {
    expect(parseFormParams('vmid=100&start=')).toEqual({ vmid: '100' });
  });

  it('collects PVE-worded errors per field', () => {
    const err = thrown(() => validateParams(schema, { vmid: 'abc', start: 'maybe', type: 'x', bogus: '1' }));
    expect(err.code).toBe(400);
    expect(err.message).toBe('Parameter verification failed.\n');
    expect(err.errors).toEqual({
      vmid: "type check ('integer') failed - got 'abc'",
      start: "type check ('boolean') failed - got 'maybe'",
      type: "value 'x' does not have a value in the enumeration 'vm, node'",
      bogus: 'property is not defined in schema and the schema does not allow additional properties',
    });
  });

  it('reports missing required properties and bad VM ids', () => {
    expect(thrown(() => validateParams(schema, { vmid: '12' })).errors).toEqual({ vmid: 'invalid format - value does not look like a valid VM ID\n' });
    expect(thrown(() => validateParams(schema, {})).errors).toEqual({ vmid: 'property is missing and it is not optional' });
  });
});
