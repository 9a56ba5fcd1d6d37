import { Router, type RouteDef } from './router';

const route = (method: RouteDef['method'], path: string): RouteDef => ({ method, path, handler: () => null });

describe('Router', () => {
  const router = new Router().add(
    route('GET', '/nodes/{node}/lxc'),
    route('POST', '/nodes/{node}/lxc'),
    route('GET', '/nodes/{node}/storage/{storage}/content/{volume+}'),
  );

  it('matches methods and path parameters', () => {
    const m = router.match('POST', '/nodes/pve1/lxc');
    expect('route' in m && m.pathParams).toEqual({ node: 'pve1' });
  });

  it('joins the rest of the path into a trailing + parameter (unescaped %2F)', () => {
    const m = router.match('GET', '/nodes/pve1/storage/local/content/local:backup/vzdump-lxc-100.tar.zst');
    expect('route' in m && m.pathParams).toEqual({ node: 'pve1', storage: 'local', volume: 'local:backup/vzdump-lxc-100.tar.zst' });
  });

  it('tells an unknown method on a known path from an unknown path', () => {
    expect(router.match('DELETE', '/nodes/pve1/lxc')).toEqual({ pathExists: true });
    expect(router.match('GET', '/nodes/pve1/nothing')).toEqual({ pathExists: false });
  });
});
