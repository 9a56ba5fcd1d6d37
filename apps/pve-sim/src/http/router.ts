import type { ParamSchema, Params } from '../params/param-schema';
import type { AuthInfo } from '../auth/authenticate';
import type { SimContext } from '../sim-context';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestContext {
  params: Params;
  auth: AuthInfo;
  sim: SimContext;
}

/** A handler result that also carries `total` (task log, task list). */
export class ApiResult {
  constructor(
    readonly data: unknown,
    readonly total?: number,
  ) {}
}

export interface RouteDef {
  method: HttpMethod;
  /** `/nodes/{node}/lxc/{vmid}`; a trailing `{name+}` swallows the rest (fragmentDelimiter ''). */
  path: string;
  /** Parameters besides the path's; path parameters get default schemas when absent here. */
  schema?: ParamSchema;
  /** `allowtoken => 0` endpoints refuse API tokens with 403. */
  allowToken?: boolean;
  handler(ctx: RequestContext): unknown;
}

interface CompiledRoute {
  def: RouteDef;
  segments: Array<{ literal: string } | { param: string; rest: boolean }>;
}

export type RouteMatch = { route: RouteDef; pathParams: Record<string, string> } | { pathExists: boolean };

/** A tiny router keyed by method and `/`-separated segments. */
export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(...defs: RouteDef[]): this {
    for (const def of defs) {
      const segments = def.path
        .split('/')
        .filter((s) => s !== '')
        .map((s) => {
          const m = /^\{([\w-]+)(\+)?\}$/.exec(s);
          return m ? { param: m[1], rest: m[2] === '+' } : { literal: s };
        });
      this.routes.push({ def, segments });
    }
    return this;
  }

  /** Every registered route (for schema cross-checks and docs). */
  list(): RouteDef[] {
    return this.routes.map((r) => r.def);
  }

  match(method: string, path: string): RouteMatch {
    const parts = path.split('/').filter((s) => s !== '');
    let pathExists = false;
    for (const route of this.routes) {
      const pathParams = matchSegments(route.segments, parts);
      if (!pathParams) continue;
      pathExists = true;
      if (route.def.method === method) return { route: route.def, pathParams };
    }
    return { pathExists };
  }
}

function matchSegments(segments: CompiledRoute['segments'], parts: string[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if ('literal' in seg) {
      if (parts[i] !== seg.literal) return undefined;
      continue;
    }
    if (seg.rest) {
      if (i >= parts.length) return undefined;
      out[seg.param] = parts.slice(i).join('/');
      return out;
    }
    if (parts[i] === undefined) return undefined;
    out[seg.param] = parts[i];
  }
  return parts.length === segments.length ? out : undefined;
}
