import { validateCatalogEntry } from './catalog-entry.parser';
import { uptimeKumaEntryData } from './catalog-entry.fixture';

function errorsFor(mutate: (entry: Record<string, unknown>) => void): string[] {
  const data = uptimeKumaEntryData();
  mutate(data);
  return validateCatalogEntry('uptime-kuma.yaml', data).errors;
}

describe('catalog entry schema', () => {
  it('accepts the CATALOG.md example and fills defaults', () => {
    const data = uptimeKumaEntryData();
    delete (data['healthcheck'] as Record<string, unknown>)['timeoutSec'];
    const { entry, errors } = validateCatalogEntry('uptime-kuma.yaml', data);
    expect(errors).toEqual([]);
    expect(entry?.inputs[0].required).toBe(false);
    expect(entry?.healthcheck?.timeoutSec).toBe(120);
  });

  describe('image', () => {
    it('refuses the "latest" tag, naming file and field', () => {
      expect(errorsFor((e) => (e['image'] = 'docker.io/library/nginx:latest'))).toContain(
        'uptime-kuma.yaml: image: tag "latest" is not allowed; pin a version',
      );
    });

    it('refuses an image without a tag', () => {
      const errors = errorsFor((e) => (e['image'] = 'docker.io/louislam/uptime-kuma'));
      expect(errors).toEqual([expect.stringMatching(/^uptime-kuma\.yaml: image: .* has no tag; pin a version/)]);
    });

    it('does not mistake a registry port for a tag', () => {
      const errors = errorsFor((e) => (e['image'] = 'registry.local:5000/louislam/uptime-kuma'));
      expect(errors).toEqual([expect.stringMatching(/image: .* has no tag/)]);
    });

    it('requires an image for runtime oci', () => {
      expect(errorsFor((e) => delete e['image'])).toEqual(['uptime-kuma.yaml: image: is required for runtime "oci"']);
    });
  });

  describe('updates.track', () => {
    it('refuses a pattern that does not compile', () => {
      const errors = errorsFor((e) => (e['updates'] = { track: '^1\\.23\\.(\\d+$' }));
      expect(errors).toEqual([expect.stringMatching(/^uptime-kuma\.yaml: updates\.track: .* is not a valid regular expression/)]);
    });

    it('refuses a pattern that does not match the current tag', () => {
      expect(errorsFor((e) => (e['updates'] = { track: '^2\\.\\d+\\.\\d+$' }))).toEqual([
        'uptime-kuma.yaml: updates.track: "^2\\.\\d+\\.\\d+$" does not match the current tag "1.23.16"',
      ]);
    });
  });

  describe('ports', () => {
    it('requires at least one port', () => {
      expect(errorsFor((e) => (e['ports'] = []))).toEqual(['uptime-kuma.yaml: ports: must declare at least one port']);
    });

    it('requires a primary port', () => {
      expect(errorsFor((e) => (e['ports'] = [{ port: 3001, protocol: 'http' }]))).toEqual([
        'uptime-kuma.yaml: ports: exactly one port must be primary: true (none is)',
      ]);
    });

    it('refuses two primary ports', () => {
      const errors = errorsFor(
        (e) => (e['ports'] = [{ port: 3001, protocol: 'http', primary: true }, { port: 3002, protocol: 'http', primary: true }]),
      );
      expect(errors).toEqual(['uptime-kuma.yaml: ports: exactly one port must be primary: true (ports 0, 1 are)']);
    });

    it('refuses out-of-range and duplicate ports', () => {
      expect(errorsFor((e) => (e['ports'] = [{ port: 70000, protocol: 'http', primary: true }]))).toEqual([
        'uptime-kuma.yaml: ports[0].port: must be between 1 and 65535',
      ]);
      const dup = errorsFor((e) => (e['ports'] = [{ port: 3001, protocol: 'http', primary: true }, { port: 3001, protocol: 'tcp' }]));
      expect(dup).toEqual(['uptime-kuma.yaml: ports[1].port: 3001 is declared twice']);
    });

    it('refuses an HTTP health check on a tcp primary port', () => {
      expect(errorsFor((e) => (e['ports'] = [{ port: 5432, protocol: 'tcp', primary: true }]))).toEqual([
        'uptime-kuma.yaml: healthcheck: is an HTTP check, but the primary port speaks tcp',
      ]);
    });

    it('refuses an unknown protocol', () => {
      expect(errorsFor((e) => (e['ports'] = [{ port: 3001, protocol: 'ftp', primary: true }]))).toEqual([
        'uptime-kuma.yaml: ports[0].protocol: must be one of: http, https, tcp, udp',
      ]);
    });
  });

  describe('volumes', () => {
    it('requires an absolute path and a positive size', () => {
      const errors = errorsFor((e) => (e['volumes'] = [{ name: 'data', path: 'app/data', sizeGb: 0 }]));
      expect(errors).toEqual([
        'uptime-kuma.yaml: volumes[0].path: must be an absolute path (and not "/")',
        'uptime-kuma.yaml: volumes[0].sizeGb: must be greater than 0',
      ]);
    });

    it('refuses nested volumes', () => {
      const errors = errorsFor(
        (e) => (e['volumes'] = [{ name: 'data', path: '/data', sizeGb: 1 }, { name: 'db', path: '/data/db', sizeGb: 1 }]),
      );
      expect(errors).toEqual(['uptime-kuma.yaml: volumes[1].path: "/data/db" is inside volume "data" (/data)']);
    });
  });

  describe('resources', () => {
    it('refuses a default below the minimum', () => {
      const errors = errorsFor((e) => {
        (e['resources'] as { default: { memoryMb: number } }).default.memoryMb = 128;
      });
      expect(errors).toEqual(['uptime-kuma.yaml: resources.default.memoryMb: 128 is below the minimum 256']);
    });

    it('names a missing field', () => {
      const errors = errorsFor((e) => {
        delete (e['resources'] as { min: Record<string, unknown> }).min['cores'];
      });
      expect(errors).toEqual(['uptime-kuma.yaml: resources.min.cores: is required']);
    });
  });

  describe('env, inputs and secrets', () => {
    it('refuses {{app.ip}} in env: the address comes from DHCP after the container is created', () => {
      expect(errorsFor((e) => (e['env'] = { HOST_IP: '{{app.ip}}' }))).toEqual([
        'uptime-kuma.yaml: env.HOST_IP: "{{app.ip}}" is not known when the container is created; use {{app.hostname}}',
      ]);
    });

    it('refuses a template naming an undeclared input', () => {
      expect(errorsFor((e) => (e['env'] = { TZ: '{{input.tz}}' }))).toEqual([
        'uptime-kuma.yaml: env.TZ: "{{input.tz}}" names no declared input',
      ]);
    });

    it('refuses an unknown template namespace', () => {
      expect(errorsFor((e) => (e['env'] = { HOME: '{{env.HOME}}' }))).toEqual([
        expect.stringMatching(/^uptime-kuma\.yaml: env\.HOME: unknown reference "\{\{env\.HOME\}\}"/),
      ]);
    });

    it('refuses an input pattern that does not compile', () => {
      const errors = errorsFor((e) => {
        (e['inputs'] as Record<string, unknown>[])[0]['pattern'] = '[a-z';
      });
      expect(errors).toEqual([expect.stringMatching(/^uptime-kuma\.yaml: inputs\[0\]\.pattern: "\[a-z" is not a valid regular expression/)]);
    });

    it('refuses a default that does not match the pattern', () => {
      const errors = errorsFor((e) => {
        (e['inputs'] as Record<string, unknown>[])[0]['default'] = 'Europe Berlin';
      });
      expect(errors).toEqual(['uptime-kuma.yaml: inputs[0].default: "Europe Berlin" does not match ^[A-Za-z_/+-]+$']);
    });

    it('refuses duplicate input keys and short secrets', () => {
      const errors = errorsFor((e) => (e['secrets'] = [{ key: 'admin_password', length: 4 }]));
      expect(errors).toEqual(['uptime-kuma.yaml: secrets[0].length: must be at least 12']);
      const dup = errorsFor((e) => {
        const inputs = e['inputs'] as Record<string, unknown>[];
        inputs.push({ ...inputs[0] });
      });
      expect(dup).toEqual(['uptime-kuma.yaml: inputs[1].key: "timezone" is declared twice']);
    });
  });

  describe('identity', () => {
    it('refuses an id that is not kebab-case', () => {
      expect(errorsFor((e) => (e['id'] = 'Uptime_Kuma'))).toEqual([
        'uptime-kuma.yaml: id: must be kebab-case (a-z, 0-9, single dashes)',
      ]);
    });

    it('refuses an unknown category and unknown fields', () => {
      const errors = errorsFor((e) => {
        e['category'] = 'games';
        e['imgae'] = 'typo';
      });
      expect(errors).toContain('uptime-kuma.yaml: unknown field "imgae"');
      expect(errors).toContainEqual(expect.stringMatching(/^uptime-kuma\.yaml: category: must be one of: media, /));
    });

    it('refuses a website that is not an http(s) URL', () => {
      expect(errorsFor((e) => (e['website'] = 'ftp://example.com'))).toEqual([
        'uptime-kuma.yaml: website: must be an http(s) URL',
      ]);
    });
  });

  describe('runtime template', () => {
    it('requires a template file and no image', () => {
      const errors = errorsFor((e) => {
        e['runtime'] = 'template';
        delete e['updates'];
      });
      expect(errors).toEqual([
        'uptime-kuma.yaml: template: is required for runtime "template"',
        'uptime-kuma.yaml: image: is only allowed for runtime "oci"',
      ]);
    });

    it('accepts a pveam template', () => {
      const errors = errorsFor((e) => {
        e['runtime'] = 'template';
        delete e['updates'];
        delete e['image'];
        e['template'] = 'debian-12-turnkey-wordpress_18.0-1_amd64.tar.gz';
      });
      expect(errors).toEqual([]);
    });
  });
});
