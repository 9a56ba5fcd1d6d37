import { aCatalogItem } from './catalog-item.fixture';
import { deployFields, initialDeployValues, suggestHostname, toDeployRequest, validateDeploy } from './deploy-form';

describe('deploy form rules', () => {
  const item = aCatalogItem();
  const fields = deployFields(item);

  it('prefills resources and inputs from the entry defaults', () => {
    expect(initialDeployValues(item, new Set())).toEqual({
      hostname: 'nginx',
      node: '',
      'resources.cores': '1',
      'resources.memoryMb': '256',
      'resources.diskGb': '2',
      'inputs.timezone': 'UTC',
    });
  });

  it('suggests a hostname that is still free', () => {
    expect(suggestHostname('nginx', new Set(['nginx', 'nginx-2']))).toBe('nginx-3');
    expect(suggestHostname('Home_Assistant', new Set())).toBe('home-assistant');
  });

  it('requires a hostname and applies the RFC 1123 label rule', () => {
    const values = initialDeployValues(item, new Set());
    expect(validateDeploy(fields, { ...values, hostname: '' })).toEqual({ hostname: 'Enter a hostname.' });
    expect(validateDeploy(fields, { ...values, hostname: 'Web_1' })['hostname']).toBe(
      'Use lowercase letters, digits and hyphens; start and end with a letter or digit.',
    );
    expect(validateDeploy(fields, { ...values, hostname: '-web' })['hostname']).toBeDefined();
    expect(validateDeploy(fields, { ...values, hostname: 'a'.repeat(64) })['hostname']).toBe('Hostname must be at most 63 characters.');
    expect(validateDeploy(fields, { ...values, hostname: '0b7c5f1e-8a2d-4c3b-9e1f-2a3b4c5d6e7f' })['hostname']).toBe(
      'Hostname must not look like an app id (a UUID).',
    );
    expect(validateDeploy(fields, { ...values, hostname: 'web-1' })).toEqual({});
  });

  it('says at once when another app already uses the hostname', () => {
    const values = { ...initialDeployValues(item, new Set()), hostname: 'web-1' };
    expect(validateDeploy(fields, values, new Set(['web-1']))).toEqual({
      hostname: 'web-1 is already taken by another app. Pick another hostname.',
    });
  });

  it('holds resources to the entry minimum and inputs to their pattern', () => {
    const values = initialDeployValues(item, new Set());
    expect(validateDeploy(fields, { ...values, 'resources.memoryMb': '64', 'inputs.timezone': 'Not a zone!' })).toEqual({
      'resources.memoryMb': 'Memory (MB) must be at least 128.',
      'inputs.timezone': 'Timezone does not have the expected format.',
    });
  });

  it('builds the deploy request, leaving out an empty node', () => {
    const values = { ...initialDeployValues(item, new Set()), hostname: ' web-1 ' };
    expect(toDeployRequest(item, values)).toEqual({
      catalogId: 'nginx',
      hostname: 'web-1',
      resources: { cores: 1, memoryMb: 256, diskGb: 2 },
      inputs: { timezone: 'UTC' },
    });
  });
});
