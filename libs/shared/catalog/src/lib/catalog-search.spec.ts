import { searchCatalog } from './catalog-search';

const entries = [
  { id: 'uptime-kuma', name: 'Uptime Kuma', description: 'Monitoring with status pages.', category: 'monitoring' as const, image: 'docker.io/louislam/uptime-kuma:1.23.16' },
  { id: 'gitea', name: 'Gitea', description: 'Git service with code review.', category: 'development' as const, image: 'docker.io/gitea/gitea:1.22.6' },
  { id: 'it-tools', name: 'IT Tools', description: 'Developer tools, status codes and git cheatsheet.', category: 'development' as const, image: 'ghcr.io/corentinth/it-tools:2024.10.22-7ca5933' },
  { id: 'jellyfin', name: 'Jellyfin', description: 'Stream your media.', category: 'media' as const, image: 'docker.io/jellyfin/jellyfin:10.10.3' },
];
const ids = (list: { id: string }[]) => list.map((e) => e.id);

describe('searchCatalog', () => {
  it('returns everything, by name, for an empty query', () => {
    expect(ids(searchCatalog(entries))).toEqual(['gitea', 'it-tools', 'jellyfin', 'uptime-kuma']);
    expect(ids(searchCatalog(entries, { q: '  ' }))).toEqual(['gitea', 'it-tools', 'jellyfin', 'uptime-kuma']);
  });

  it('matches case-insensitively across name and description, name matches first', () => {
    expect(ids(searchCatalog(entries, { q: 'GIT' }))).toEqual(['gitea', 'it-tools']);
    expect(ids(searchCatalog(entries, { q: 'status' }))).toEqual(['it-tools', 'uptime-kuma']);
  });

  it('requires every word to match', () => {
    expect(ids(searchCatalog(entries, { q: 'status monitoring' }))).toEqual(['uptime-kuma']);
    expect(ids(searchCatalog(entries, { q: 'status nothing' }))).toEqual([]);
  });

  it('filters by category', () => {
    expect(ids(searchCatalog(entries, { category: 'development' }))).toEqual(['gitea', 'it-tools']);
    expect(ids(searchCatalog(entries, { q: 'git', category: 'media' }))).toEqual([]);
  });
});
