/**
 * The `Env` of docker.io/library/nginx:1.27.3 (docker-library/nginx mainline/debian/Dockerfile
 * on debian:bookworm-slim), which Proxmox writes into `env` when it creates a container from the
 * image: the variables an app's own are written over, and which stay.
 */
export const NGINX_1_27_3_ENV: Readonly<Record<string, string>> = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  NGINX_VERSION: '1.27.3',
  NJS_VERSION: '0.8.7',
  NJS_RELEASE: '1~bookworm',
  PKG_RELEASE: '1~bookworm',
  DYNPKG_RELEASE: '1~bookworm',
};
