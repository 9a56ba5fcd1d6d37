import { validateCatalogEntry } from './catalog-entry.parser';
import { uptimeKumaEntryData } from './catalog-entry.fixture';
import { devicePathProblem, renderDevices, renderEntrypoint } from './catalog-container-options';
import { CatalogTemplateError } from './catalog-template';

function validate(mutate: (entry: Record<string, unknown>) => void) {
  const data = uptimeKumaEntryData();
  (data['inputs'] as Record<string, unknown>[]).push({ key: 'serial_port', label: 'Adapter', default: '/dev/ttyACM0', pattern: '^/dev/[A-Za-z0-9/_-]+$' });
  mutate(data);
  return validateCatalogEntry('uptime-kuma.yaml', data);
}
const errorsFor = (mutate: (entry: Record<string, unknown>) => void) => validate(mutate).errors;

describe('entrypoint', () => {
  it('accepts a command with input templates, and defaults to none', () => {
    const { entry, errors } = validate((e) => (e['entrypoint'] = '/docker-entrypoint.sh mosquitto -c /conf/{{input.timezone}}.conf'));
    expect(errors).toEqual([]);
    expect(entry?.entrypoint).toBe('/docker-entrypoint.sh mosquitto -c /conf/{{input.timezone}}.conf');
    expect(validate(() => undefined).entry?.entrypoint).toBeUndefined();
  });

  it('refuses an undeclared input, secrets and app fields (clone and restore keep the entrypoint as it is)', () => {
    expect(errorsFor((e) => (e['entrypoint'] = 'run {{input.port}}'))).toEqual([
      'uptime-kuma.yaml: entrypoint: "{{input.port}}" names no declared input',
    ]);
    expect(errorsFor((e) => (e['entrypoint'] = 'run --password {{secret.admin_password}} {{app.hostname}}'))).toEqual([
      'uptime-kuma.yaml: entrypoint: "{{secret.admin_password}}" cannot be used here; only {{input.*}} (it is kept by clone and restore)',
      'uptime-kuma.yaml: entrypoint: "{{app.hostname}}" cannot be used here; only {{input.*}} (it is kept by clone and restore)',
    ]);
  });

  it('refuses control characters, and an entrypoint on an appliance template', () => {
    expect(errorsFor((e) => (e['entrypoint'] = 'run\x01'))).toEqual(['uptime-kuma.yaml: entrypoint: must not contain control characters']);
    // LF, VT, FF, CR: Proxmox's own pattern lets them through (its range starts at \x10).
    for (const c of ['\n', '\x0b', '\x0c', '\r']) {
      expect(errorsFor((e) => (e['entrypoint'] = `run${c}lxc.apparmor.profile: unconfined`))).toEqual(['uptime-kuma.yaml: entrypoint: must not contain control characters']);
    }
    expect(errorsFor((e) => (e['entrypoint'] = 'run\targ'))).toEqual([]);
    const errors = errorsFor((e) => {
      e['runtime'] = 'template';
      e['template'] = 'debian-12-turnkey-wordpress_18.0-1_amd64.tar.gz';
      delete e['image'];
      e['entrypoint'] = '/sbin/init';
    });
    expect(errors).toEqual(['uptime-kuma.yaml: entrypoint: is only allowed for runtime "oci" (appliance templates run their own init)']);
  });

  it('renders from the app inputs', () => {
    expect(renderEntrypoint({ entrypoint: 'run -c /{{input.tz}}.conf' }, { tz: 'UTC' })).toBe('run -c /UTC.conf');
    expect(renderEntrypoint({}, {})).toBeUndefined();
    expect(() => renderEntrypoint({ entrypoint: 'run -c /{{input.tz}}.conf' }, { tz: 'UTC\nlxc.apparmor.profile: unconfined' })).toThrow('entrypoint: an input put a control character into it');
    expect(() => renderEntrypoint({ entrypoint: 'run {{input.tz}}' }, {})).toThrow('entrypoint: unknown reference "{{input.tz}}"');
  });
});

describe('devices', () => {
  it('accepts literal paths and input templates, and defaults to none', () => {
    const { entry, errors } = validate((e) => (e['devices'] = [{ path: '{{input.serial_port}}' }, { path: '/dev/serial/by-id/usb-ITead_Sonoff-if00' }]));
    expect(errors).toEqual([]);
    expect(entry?.devices).toEqual([{ path: '{{input.serial_port}}' }, { path: '/dev/serial/by-id/usb-ITead_Sonoff-if00' }]);
    expect(validate(() => undefined).entry?.devices).toEqual([]);
  });

  it('refuses paths outside /dev, with PVE options smuggled in, or with ".." segments', () => {
    const errors = errorsFor((e) => (e['devices'] = [{ path: '/etc/shadow' }, { path: '/dev/ttyACM0,uid=0' }, { path: '/dev/../etc/shadow' }]));
    expect(errors).toEqual([
      expect.stringMatching(/^uptime-kuma\.yaml: devices\[0\]\.path: "\/etc\/shadow" is not a device path like \/dev\/ttyACM0/),
      expect.stringMatching(/^uptime-kuma\.yaml: devices\[1\]\.path: "\/dev\/ttyACM0,uid=0" is not a device path/),
      expect.stringMatching(/^uptime-kuma\.yaml: devices\[2\]\.path: "\/dev\/\.\.\/etc\/shadow" is not a device path/),
    ]);
  });

  it('refuses undeclared inputs, non-input references, duplicates and unknown fields', () => {
    expect(errorsFor((e) => (e['devices'] = [{ path: '/dev/null', mode: '0666' }]))).toEqual(['uptime-kuma.yaml: devices[0]: unknown field "mode"']);
    const fieldErrors = errorsFor((e) => (e['devices'] = [{ path: '{{input.usb}}' }, { path: '{{secret.admin_password}}' }, { path: '/dev/ttyUSB0' }, { path: '/dev/ttyUSB0' }]));
    expect(fieldErrors).toEqual([
      'uptime-kuma.yaml: devices[0].path: "{{input.usb}}" names no declared input',
      'uptime-kuma.yaml: devices[1].path: "{{secret.admin_password}}" cannot be used here; only {{input.*}} (it is kept by clone and restore)',
      'uptime-kuma.yaml: devices[3].path: "/dev/ttyUSB0" is declared twice',
    ]);
  });

  it('renders from the app inputs and refuses a rendered value that is not a device path', () => {
    const entry = { devices: [{ path: '{{input.serial_port}}' }, { path: '/dev/ttyUSB1' }] };
    expect(renderDevices(entry, { serial_port: '/dev/ttyACM0' })).toEqual(['/dev/ttyACM0', '/dev/ttyUSB1']);
    expect(() => renderDevices(entry, { serial_port: '/dev/ttyACM0,mode=0777' })).toThrow(CatalogTemplateError);
    expect(() => renderDevices(entry, { serial_port: '/dev/ttyACM0,mode=0777' })).toThrow(/^devices\.0\.path: "\/dev\/ttyACM0,mode=0777" is not a device path/);
    expect(devicePathProblem('/dev/dri/renderD128')).toBeNull();
  });
});

describe('secrets with bcrypt: true', () => {
  it('defaults to false and offers {{secret.<key>_bcrypt}} only when set', () => {
    const plain = validate((e) => (e['env'] = { PASSWORD_HASH: '{{secret.admin_password_bcrypt}}' }));
    expect(plain.errors).toEqual([
      'uptime-kuma.yaml: env.PASSWORD_HASH: "{{secret.admin_password_bcrypt}}" names no declared secret (a hash needs bcrypt: true on secret "admin_password")',
    ]);
    const hashed = validate((e) => {
      e['secrets'] = [{ key: 'admin_password', length: 24, bcrypt: true }];
      e['env'] = { PASSWORD_HASH: '{{secret.admin_password_bcrypt}}', PASSWORD: '{{secret.admin_password}}' };
    });
    expect(hashed.errors).toEqual([]);
    expect(hashed.entry?.secrets).toEqual([{ key: 'admin_password', length: 24, bcrypt: true }]);
    expect(validate(() => undefined).entry?.secrets[0].bcrypt).toBe(false);
  });

  it('accepts exactly <key>_bcrypt: no other suffix, and no hash of a secret without bcrypt', () => {
    const errors = errorsFor((e) => {
      e['secrets'] = [{ key: 'admin_password', length: 24, bcrypt: true }, { key: 'api_token', length: 32 }];
      e['env'] = { A: '{{secret.admin_password_hash}}', B: '{{secret.api_token_bcrypt}}' };
    });
    expect(errors).toEqual([
      'uptime-kuma.yaml: env.A: "{{secret.admin_password_hash}}" names no declared secret',
      'uptime-kuma.yaml: env.B: "{{secret.api_token_bcrypt}}" names no declared secret (a hash needs bcrypt: true on secret "api_token")',
    ]);
  });

  it('refuses declaring <key>_bcrypt next to a bcrypt secret <key>', () => {
    const errors = errorsFor((e) => (e['secrets'] = [{ key: 'admin_password', length: 24, bcrypt: true }, { key: 'admin_password_bcrypt', length: 24 }]));
    expect(errors).toEqual([
      'uptime-kuma.yaml: secrets[0].key: "admin_password" has bcrypt: true, so "admin_password_bcrypt" is its hash and cannot be declared as well',
    ]);
  });
});
