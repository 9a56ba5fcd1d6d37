import { formatFieldPath, mergeCatalogs, parseCatalogFile, validateCatalogFiles } from './catalog-entry.parser';
import { UPTIME_KUMA_YAML } from './catalog-entry.fixture';

describe('catalog files', () => {
  it('parses a YAML entry', () => {
    const { entry, errors } = parseCatalogFile({ fileName: 'uptime-kuma.yaml', text: UPTIME_KUMA_YAML });
    expect(errors).toEqual([]);
    expect(entry?.id).toBe('uptime-kuma');
    expect(entry?.updates?.track).toBe('^1\\.23\\.\\d+$');
  });

  it('reports broken YAML with the file name', () => {
    const { entry, errors } = parseCatalogFile({ fileName: 'broken.yaml', text: 'id: [unclosed' });
    expect(entry).toBeNull();
    expect(errors).toEqual([expect.stringMatching(/^broken\.yaml: invalid YAML: /)]);
  });

  it('refuses a file that is not a mapping', () => {
    expect(parseCatalogFile({ fileName: 'list.yaml', text: '- a\n- b\n' }).errors).toEqual([
      'list.yaml: must be a YAML mapping (one entry per file)',
    ]);
  });

  it('refuses a file not named after its id', () => {
    expect(parseCatalogFile({ fileName: 'kuma.yaml', text: UPTIME_KUMA_YAML }).errors).toEqual([
      'kuma.yaml: id: "uptime-kuma" must match the file name (uptime-kuma.yaml)',
    ]);
  });

  it('refuses a duplicate id across files and keeps the first', () => {
    const result = validateCatalogFiles([
      { fileName: 'uptime-kuma.yml', text: UPTIME_KUMA_YAML },
      { fileName: 'uptime-kuma.yaml', text: UPTIME_KUMA_YAML },
    ]);
    expect(result.entries.map((e) => e.id)).toEqual(['uptime-kuma']);
    expect(result.errors).toEqual(['uptime-kuma.yml: id: duplicate id "uptime-kuma" (already defined in uptime-kuma.yaml)']);
  });

  it('returns the valid entries alongside the errors of broken ones', () => {
    const result = validateCatalogFiles([
      { fileName: 'uptime-kuma.yaml', text: UPTIME_KUMA_YAML },
      { fileName: 'nginx.yaml', text: UPTIME_KUMA_YAML.replace('id: uptime-kuma', 'id: nginx').replace(':1.23.16', ':latest') },
    ]);
    expect(result.entries.map((e) => e.id)).toEqual(['uptime-kuma']);
    expect(result.errors).toEqual(['nginx.yaml: image: tag "latest" is not allowed; pin a version']);
  });

  it('refuses an entry whose icon file is missing', () => {
    const result = validateCatalogFiles([{ fileName: 'uptime-kuma.yaml', text: UPTIME_KUMA_YAML }], { iconExists: () => false });
    expect(result.entries).toEqual([]);
    expect(result.errors).toEqual(['uptime-kuma.yaml: icon: "uptime-kuma.svg" does not exist in the icons directory']);
  });

  it('refuses a duplicate id across catalog directories', () => {
    const one = validateCatalogFiles([{ fileName: 'uptime-kuma.yaml', text: UPTIME_KUMA_YAML }]);
    const merged = mergeCatalogs([one, one]);
    expect(merged.entries).toHaveLength(1);
    expect(merged.errors).toEqual([
      'uptime-kuma: id: duplicate id "uptime-kuma" (already defined by an earlier catalog directory)',
    ]);
  });

  it('formats field paths the way authors write them', () => {
    expect(formatFieldPath(['ports', 0, 'port'])).toBe('ports[0].port');
    expect(formatFieldPath(['env', 'TZ'])).toBe('env.TZ');
    expect(formatFieldPath([])).toBe('');
  });
});
