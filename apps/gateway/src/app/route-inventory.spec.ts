import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { Type } from '@nestjs/common';
import type { ProxdeckConfig } from '@proxdeck/server-config';
import { ROLES } from '@proxdeck/shared-contracts';
import { AppModule } from './app.module';
import { PUBLIC_ROUTE_KEY, REQUIRED_ROLE_KEY } from './auth/access.decorators';

interface RouteAccess {
  route: string;
  access: string;
}

/** Every controller reachable from AppModule, found the way Nest finds them (module metadata). */
function controllersOf(root: unknown, seen = new Set<unknown>()): Type[] {
  if (!root || seen.has(root)) return [];
  seen.add(root);
  const found: Type[] = [];
  const visit = (moduleClass: unknown, extra: { controllers?: Type[]; imports?: unknown[] } = {}) => {
    if (typeof moduleClass !== 'function') return;
    found.push(...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, moduleClass) as Type[] | undefined) ?? []), ...(extra.controllers ?? []));
    const imports = [...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, moduleClass) as unknown[] | undefined) ?? []), ...(extra.imports ?? [])];
    for (const imported of imports) found.push(...controllersOf(imported, seen));
  };
  if (typeof root === 'function') visit(root);
  else if (typeof root === 'object' && 'module' in root) {
    const dyn = root as { module: unknown; controllers?: Type[]; imports?: unknown[] };
    visit(dyn.module, dyn);
  }
  return [...new Set(found)];
}

function inventory(): RouteAccess[] {
  const config = { appsDomain: undefined } as unknown as ProxdeckConfig;
  const routes: RouteAccess[] = [];
  for (const controller of controllersOf(AppModule.forRoot({ config }))) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const proto = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = proto[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const full = `/${[base, path].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
      const isPublic = Reflect.getMetadata(PUBLIC_ROUTE_KEY, handler) ?? Reflect.getMetadata(PUBLIC_ROUTE_KEY, controller);
      const role = Reflect.getMetadata(REQUIRED_ROLE_KEY, handler) ?? Reflect.getMetadata(REQUIRED_ROLE_KEY, controller);
      routes.push({ route: `${method} ${full}`, access: isPublic ? 'public' : role ? String(role) : 'NONE' });
    }
  }
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}

describe('route inventory', () => {
  const routes = inventory();

  it('finds the routes of every feature module', () => {
    const names = routes.map((r) => r.route);
    for (const expected of ['POST /auth/login', 'GET /apps', 'POST /apps', 'GET /operations/:id/logs', 'GET /nodes', 'GET /events', 'GET /users', 'GET /catalog/:id/icon']) {
      expect(names).toContain(expected);
    }
    expect(routes.length).toBeGreaterThan(20);
  });

  it('gives every route a role or marks it public', () => {
    const undeclared = routes.filter((r) => r.access === 'NONE' || (r.access !== 'public' && !(ROLES as readonly string[]).includes(r.access)));
    expect(undeclared).toEqual([]);
  });

  it('keeps the public routes to login, refresh, logout, probes and metrics', () => {
    expect(routes.filter((r) => r.access === 'public').map((r) => r.route)).toEqual([
      'GET /healthz',
      'GET /metrics',
      'GET /readyz',
      'POST /auth/login',
      'POST /auth/logout',
      'POST /auth/refresh',
    ]);
  });

  it('lets only admins manage users and operators change apps', () => {
    const access = new Map(routes.map((r) => [r.route, r.access]));
    expect(access.get('GET /users')).toBe('admin');
    expect(access.get('DELETE /users/:id')).toBe('admin');
    expect(access.get('POST /apps')).toBe('operator');
    expect(access.get('POST /apps/:id/stop')).toBe('operator');
    expect(access.get('DELETE /apps/:id')).toBe('operator');
    expect(access.get('GET /apps')).toBe('viewer');
  });
});
