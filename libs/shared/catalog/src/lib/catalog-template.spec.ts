import { CatalogTemplateError, renderEnv, renderTemplate, templateReferences, type TemplateContext } from './catalog-template';

const ctx: TemplateContext = {
  input: { timezone: 'Europe/Berlin', empty: '' },
  secret: { admin_token: 's3cret' },
  app: { hostname: 'kuma', ip: '10.0.0.5', url: 'https://proxdeck.lan/apps/kuma/' },
};

describe('renderTemplate', () => {
  it('expands input, secret and app references', () => {
    expect(renderTemplate('{{input.timezone}}', ctx)).toBe('Europe/Berlin');
    expect(renderTemplate('token={{ secret.admin_token }}', ctx)).toBe('token=s3cret');
    expect(renderTemplate('{{app.hostname}}@{{app.ip}} {{app.url}}', ctx)).toBe('kuma@10.0.0.5 https://proxdeck.lan/apps/kuma/');
  });

  it('leaves plain strings alone and renders empty inputs as empty', () => {
    expect(renderTemplate('plain value', ctx)).toBe('plain value');
    expect(renderTemplate('x{{input.empty}}y', ctx)).toBe('xy');
  });

  it('names an unknown input or secret', () => {
    expect(() => renderTemplate('{{input.nope}}', ctx)).toThrow(new CatalogTemplateError('unknown reference "{{input.nope}}": no value for input.nope', 'input.nope'));
    expect(() => renderTemplate('{{secret.nope}}', ctx)).toThrow('unknown reference "{{secret.nope}}"');
  });

  it('names an unknown namespace or app field', () => {
    expect(() => renderTemplate('{{env.HOME}}', ctx)).toThrow('unknown reference "{{env.HOME}}"');
    expect(() => renderTemplate('{{app.vmid}}', ctx)).toThrow('unknown reference "{{app.vmid}}"; app has only hostname, ip, url');
  });

  it('refuses app.ip while the address is not known', () => {
    expect(() => renderTemplate('{{app.ip}}', { ...ctx, app: { ...ctx.app, ip: null } })).toThrow('no value for app.ip');
  });

  it('refuses unbalanced braces', () => {
    expect(() => renderTemplate('{{input.timezone}', ctx)).toThrow('unbalanced');
  });

  it('does not look up inherited object properties', () => {
    expect(() => renderTemplate('{{input.constructor}}', ctx)).toThrow('no value for input.constructor');
  });
});

describe('templateReferences', () => {
  it('lists references in order', () => {
    expect(templateReferences('{{app.hostname}}:{{input.port}}').map((r) => r.raw)).toEqual(['app.hostname', 'input.port']);
  });
});

describe('renderEnv', () => {
  it('renders every value and names the variable on failure', () => {
    expect(renderEnv({ TZ: '{{input.timezone}}', MODE: 'prod' }, ctx)).toEqual({ TZ: 'Europe/Berlin', MODE: 'prod' });
    expect(() => renderEnv({ TOKEN: '{{secret.missing}}' }, ctx)).toThrow(/^env\.TOKEN: unknown reference/);
  });
});
