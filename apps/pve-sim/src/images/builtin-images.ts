import { CATALOG_IMAGES } from './catalog-images';
import type { ImageDefinition } from './image-definition';

const NGINX_BODY = `<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>`;

/** The simulator's built-in registry: what `oci-registry-pull` can fetch and what the CT serves. */
export const BUILTIN_IMAGES: readonly ImageDefinition[] = [
  {
    repository: 'docker.io/library/nginx',
    tags: ['1.27.3', '1.27.4', '1.27.5'],
    ports: [{ port: 80, protocol: 'http' }],
    page: { title: 'Welcome to nginx!', body: NGINX_BODY },
    sizeMiB: 188,
    ostype: 'debian',
  },
  {
    repository: 'docker.io/traefik/whoami',
    tags: ['v1.10.3', 'v1.11.0'],
    ports: [{ port: 80, protocol: 'http' }],
    page: { title: 'whoami', body: '<pre>Hostname: {{hostname}}\nIP: 127.0.0.1\nIP: {{ip}}\nRemoteAddr: {{remote}}\nGET / HTTP/1.1</pre>' },
    sizeMiB: 7,
    ostype: 'unmanaged',
  },
  {
    repository: 'docker.io/louislam/uptime-kuma',
    tags: ['1.23.16', '1.23.15'],
    ports: [{ port: 3001, protocol: 'http' }],
    page: { title: 'Uptime Kuma', body: '<div id="app"><h1>Uptime Kuma</h1><p>A fancy self-hosted monitoring tool.</p></div>' },
    sizeMiB: 440,
    ostype: 'debian',
  },
  {
    repository: 'docker.io/vaultwarden/server',
    tags: ['1.32.7', '1.33.0'],
    ports: [{ port: 80, protocol: 'http' }],
    page: { title: 'Vaultwarden Web', body: '<app-root><h1>Vaultwarden</h1><p>Unofficial Bitwarden compatible server.</p></app-root>' },
    sizeMiB: 250,
    ostype: 'debian',
  },
  {
    repository: 'docker.io/gitea/gitea',
    tags: ['1.22.6', '1.23.1'],
    ports: [
      { port: 3000, protocol: 'http' },
      { port: 22, protocol: 'tcp' },
    ],
    page: { title: 'Gitea: Git with a cup of tea', body: '<h1>Gitea: Git with a cup of tea</h1><p>A painless, self-hosted Git service.</p>' },
    sizeMiB: 180,
    ostype: 'alpine',
    tcpBanner: 'SSH-2.0-Go\r\n',
  },
  {
    repository: 'docker.io/library/adminer',
    tags: ['4.8.1', '5.0.4'],
    ports: [{ port: 8080, protocol: 'http' }],
    page: { title: 'Login - Adminer', body: '<h1>Adminer</h1><form action="" method="post"><p>Database management in a single PHP file.</p></form>' },
    sizeMiB: 120,
    ostype: 'alpine',
  },
  {
    repository: 'ghcr.io/gethomepage/homepage',
    tags: ['v0.10.9', 'v1.0.0'],
    ports: [{ port: 3000, protocol: 'http' }],
    page: { title: 'Homepage', body: '<div id="__next"><h1>Homepage</h1><p>A highly customizable application dashboard.</p></div>' },
    sizeMiB: 210,
    ostype: 'alpine',
  },
  {
    repository: 'ghcr.io/corentinth/it-tools',
    tags: ['2024.10.22-7ca5933'],
    ports: [{ port: 80, protocol: 'http' }],
    page: { title: 'IT Tools - Handy online tools for developers', body: '<div id="app"><h1>IT Tools</h1><p>Handy online tools for developers.</p></div>' },
    sizeMiB: 55,
    ostype: 'alpine',
  },
  {
    repository: 'docker.io/excalidraw/excalidraw',
    tags: ['v0.17.3'],
    ports: [{ port: 80, protocol: 'http' }],
    page: { title: 'Excalidraw Whiteboard', body: '<div id="root"><h1>Excalidraw</h1><p>Virtual whiteboard for sketching hand-drawn like diagrams.</p></div>' },
    sizeMiB: 60,
    ostype: 'alpine',
  },
  {
    repository: 'docker.io/jellyfin/jellyfin',
    tags: ['10.10.3', '10.10.4'],
    ports: [{ port: 8096, protocol: 'http' }],
    page: { title: 'Jellyfin', body: '<div class="skinHeader"><h1>Jellyfin</h1><p>The Free Software Media System.</p></div>' },
    sizeMiB: 780,
    ostype: 'debian',
  },
  ...CATALOG_IMAGES,
];
