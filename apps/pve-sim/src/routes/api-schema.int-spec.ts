import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildApiRouter } from './api-routes';

/**
 * Cross-checks every route's hand-written parameter schema against the official PVE 9.1 schema
 * (../shared/pve/apidoc-9.1.json, read, never copied): the path and method exist, every accepted
 * parameter exists there with the same type, required ones are required here too, and no official
 * parameter is refused as unknown.
 */
interface ApiNode {
  path: string;
  children?: ApiNode[];
  info?: Record<string, { parameters?: { properties?: Record<string, { optional?: number; type?: string }> } }>;
}

const APIDOC = resolve(__dirname, '../../../../../shared/pve/apidoc-9.1.json');

function index(nodes: ApiNode[], out = new Map<string, ApiNode>()): Map<string, ApiNode> {
  for (const n of nodes) {
    out.set(n.path, n);
    if (n.children) index(n.children, out);
  }
  return out;
}

/** `net[n]` -> /^net\d+$/ */
function propMatcher(name: string): (key: string) => boolean {
  const m = /^(.+)\[n\]$/.exec(name);
  return m ? (key) => new RegExp(`^${m[1]}\\d+$`).test(key) : (key) => key === name;
}

describe('route schemas vs the official PVE 9.1 API schema', () => {
  const apidoc = index(JSON.parse(readFileSync(APIDOC, 'utf8')) as ApiNode[]);
  const routes = buildApiRouter().list();

  it.each(routes.map((r) => [r.method, r.path, r] as const))('%s %s', (method, path, route) => {
    const officialPath = path.replace('{volume+}', '{volume}');
    const info = apidoc.get(officialPath)?.info?.[method];
    expect(info).toBeDefined();
    const official = info?.parameters?.properties ?? {};
    const officialNames = Object.keys(official);
    const pathParams = [...officialPath.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const ours = Object.keys(route.schema ?? {});
    const unknown = ours.filter((key) => !officialNames.some((name) => propMatcher(name)(key)));
    expect(unknown).toEqual([]);
    const missing = officialNames.filter((name) => !pathParams.includes(name) && !ours.some((key) => propMatcher(name)(key)));
    expect(missing).toEqual([]);
    const typeMismatches = ours.filter((key) => {
      const name = officialNames.find((n) => propMatcher(n)(key)) ?? key;
      const theirs = official[name]?.type;
      const prop = route.schema?.[key];
      return theirs !== undefined && theirs !== (prop?.array ? 'array' : prop?.type);
    });
    expect(typeMismatches).toEqual([]);
    const requiredThere = officialNames.filter((name) => !official[name].optional && !pathParams.includes(name) && !name.includes('[n]'));
    const optionalHere = requiredThere.filter((name) => route.schema?.[name]?.optional);
    expect(optionalHere).toEqual([]);
  });
});
