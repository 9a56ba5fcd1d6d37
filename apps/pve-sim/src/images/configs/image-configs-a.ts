import type { OciImageRecord } from '../oci-image-config';

/** Docker's default PATH (set by the builder / present in the docker-library base images). */
const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Image configurations read from upstream sources (see each record's `source`). */
export const IMAGE_CONFIGS_A: readonly OciImageRecord[] = [
  {
    repository: 'codeberg.org/forgejo/forgejo',
    tag: '9.0.2',
    source: {
      repo: 'https://codeberg.org/forgejo/forgejo',
      ref: 'v9.0.2',
      dockerfile:
        'Dockerfile <- code.forgejo.org/oci/alpine:3.20 (mirror of docker.io/library/alpine); docker/root/usr/bin/entrypoint, docker/root/etc/s6/gitea/{setup,run}',
    },
    config: {
      Env: [DEFAULT_PATH, 'USER=git', 'GITEA_CUSTOM=/data/gitea'],
      Entrypoint: ['/usr/bin/entrypoint'],
      Cmd: ['/bin/s6-svscan', '/etc/s6'],
      User: '',
      WorkingDir: '',
      Volumes: ['/data'],
      ExposedPorts: ['22/tcp', '3000/tcp'],
    },
    data: { writes: ['/data'], dropsToUid: 1000, fixesOwnership: true },
    notes:
      'Codeberg is not reachable here; read from a GitHub mirror (yonasBSD/forgejo, forgejo branch as of 2024-11-07) which has no v9.0 tags/branch. ' +
      'That Dockerfile final stage is code.forgejo.org/oci/alpine:3.20 since PR #5587 (merged 2024-10-16, same day as v9.0.0); before it the final stage was golang:1.23-alpine3.20 ' +
      '(which would add GOLANG_VERSION/GOTOOLCHAIN/GOPATH, a /go/bin:/usr/local/go/bin PATH prefix and WorkingDir /go). I infer the fix was backported to v9.0 before 9.0.2 (Nov 2024); not verified at the tag. ' +
      'Image starts as root; s6 runs gitea via `su-exec $USER` (git, uid 1000 = USER_UID default, gid 1000). setup chowns -R /data/gitea, /data/git and /app/gitea to git when their top-level owner is not git (non-recursive check), after the entrypoint mkdirs /data/gitea/{conf,log}, /data/git, /data/ssh. sshd runs as root from /data/ssh.',
  },
  {
    repository: 'docker.io/actualbudget/actual-server',
    tag: '24.12.0',
    source: {
      repo: 'https://github.com/actualbudget/actual-server',
      ref: 'v24.12.0',
      dockerfile:
        'docker/stable-ubuntu.Dockerfile (used by .github/workflows/docker-release.yml) <- node:18-bookworm-slim (nodejs/docker-node 18/bookworm-slim/Dockerfile @e3a1285e, Node 18.20.5) <- debian:bookworm-slim',
    },
    config: {
      Env: [DEFAULT_PATH, 'NODE_VERSION=18.20.5', 'YARN_VERSION=1.22.22', 'NODE_ENV=production'],
      Entrypoint: ['/usr/bin/tini', '-g', '--'],
      Cmd: ['node', 'app.js'],
      User: '',
      WorkingDir: '/app',
      Volumes: [],
      ExposedPorts: ['5006/tcp'],
    },
    data: { writes: ['/data'] },
    notes:
      'No USER: runs as root (user actual 1001:1001 is created and owns /data, but is not used). No VOLUME; docs mount /data (server-files and user-files default to /data when it exists). ' +
      'NODE_VERSION inferred from the node:18-bookworm-slim Dockerfile current at the build date (18.20.5 from 2024-11-15 until 2025-01-22). v25.1.0: same Dockerfile and same node base version.',
  },
  {
    repository: 'docker.io/adguard/adguardhome',
    tag: 'v0.107.55',
    source: {
      repo: 'https://github.com/AdguardTeam/AdGuardHome',
      ref: 'v0.107.55',
      dockerfile: 'docker/Dockerfile (built by scripts/make/build-docker.sh) <- alpine:3.18 (docker-library/alpine)',
    },
    config: {
      Env: [DEFAULT_PATH],
      Entrypoint: ['/opt/adguardhome/AdGuardHome'],
      Cmd: ['--no-check-update', '-c', '/opt/adguardhome/conf/AdGuardHome.yaml', '-w', '/opt/adguardhome/work'],
      User: '',
      WorkingDir: '/opt/adguardhome/work',
      Volumes: [],
      ExposedPorts: [
        '53/tcp',
        '53/udp',
        '67/udp',
        '68/udp',
        '80/tcp',
        '443/tcp',
        '443/udp',
        '853/tcp',
        '853/udp',
        '3000/tcp',
        '3000/udp',
        '5443/tcp',
        '5443/udp',
        '6060/tcp',
      ],
    },
    data: { writes: ['/opt/adguardhome/conf', '/opt/adguardhome/work'] },
    notes:
      'Runs as root (no USER); both dirs are chowned to nobody at build time and the binary has cap_net_bind_service. No VOLUME instruction; docs mount conf and work. v0.107.56: docker/ unchanged.',
  },
  {
    repository: 'docker.io/axllent/mailpit',
    tag: 'v1.21.8',
    source: {
      repo: 'https://github.com/axllent/mailpit',
      ref: 'v1.21.8',
      dockerfile: 'Dockerfile (final stage) <- alpine:latest (docker-library/alpine)',
    },
    config: {
      Env: [DEFAULT_PATH],
      Entrypoint: ['/mailpit'],
      Cmd: [],
      User: '',
      WorkingDir: '',
      Volumes: [],
      ExposedPorts: ['1025/tcp', '1110/tcp', '8025/tcp'],
    },
    data: { writes: ['/tmp'] },
    notes:
      'Runs as root. Without MP_DATABASE mailpit uses a temporary SQLite file in the OS temp dir (/tmp), so nothing persistent is written by default. HEALTHCHECK (/mailpit readyz) not represented. ' +
      'alpine CMD ["/bin/sh"] is reset by the ENTRYPOINT. v1.22.0: Dockerfile unchanged.',
  },
  {
    repository: 'docker.io/bitnami/minio',
    tag: '2024.12.18',
    source: {
      repo: 'https://github.com/bitnami/containers',
      ref: 'commit 043f89c88c0ea505b02145ba5dd2299e9cd3058e (image ref.name 2024.12.18-debian-12-r0)',
      dockerfile: 'bitnami/minio/2024/debian-12/Dockerfile <- docker.io/bitnami/minideb:bookworm',
    },
    config: {
      Env: [
        'PATH=/opt/bitnami/common/bin:/opt/bitnami/minio-client/bin:/opt/bitnami/minio/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'HOME=/',
        'OS_ARCH=amd64',
        'OS_FLAVOUR=debian-12',
        'OS_NAME=linux',
        'APP_VERSION=2024.12.18',
        'BITNAMI_APP_NAME=minio',
      ],
      Entrypoint: ['/opt/bitnami/scripts/minio/entrypoint.sh'],
      Cmd: ['/opt/bitnami/scripts/minio/run.sh'],
      User: '1001',
      WorkingDir: '/opt/bitnami/minio-client',
      Volumes: ['/bitnami/minio/data', '/certs'],
      ExposedPorts: ['9000/tcp', '9001/tcp'],
    },
    data: { writes: ['/bitnami/minio/data', '/opt/bitnami/minio/tmp', '/opt/bitnami/minio/log'], userUid: 1001, userGid: 0 },
    tagOverrides: {
      '2025.1.20': {
        Env: [
          'PATH=/opt/bitnami/common/bin:/opt/bitnami/minio-client/bin:/opt/bitnami/minio/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
          'HOME=/',
          'OS_ARCH=amd64',
          'OS_FLAVOUR=debian-12',
          'OS_NAME=linux',
          'APP_VERSION=2025.1.20',
          'BITNAMI_APP_NAME=minio',
        ],
      },
    },
    notes:
      'OS_ARCH comes from TARGETARCH (amd64 shown; arm64 image has OS_ARCH=arm64). uid 1001 has no /etc/passwd entry (no useradd), so it runs with gid 0 (root group); /opt/bitnami is g+rwX. ' +
      'minideb PATH assumed to be the Docker default. The 2025.1.20 Dockerfile was not found in the index: override assumes the same template with APP_VERSION bumped ' +
      '(the later 2025.9.7 template differs: no /opt/bitnami/common/bin in PATH and an extra IMAGE_REVISION env), so treat the 2025.1.20 Env as inferred.',
  },
  {
    repository: 'docker.io/codercom/code-server',
    tag: '4.96.2',
    source: {
      repo: 'https://github.com/coder/code-server',
      ref: 'v4.96.2',
      dockerfile: 'ci/release-image/Dockerfile (target code-server-debian-12 in docker-bake.hcl) <- debian:12 (docker-library/debian)',
    },
    config: {
      Env: [DEFAULT_PATH, 'LANG=en_US.UTF-8', 'ENTRYPOINTD=/entrypoint.d', 'USER=coder'],
      Entrypoint: ['/usr/bin/entrypoint.sh', '--bind-addr', '0.0.0.0:8080', '.'],
      Cmd: [],
      User: '1000',
      WorkingDir: '/home/coder',
      Volumes: [],
      ExposedPorts: ['8080/tcp'],
    },
    data: { writes: ['/home/coder/.config', '/home/coder/.local/share/code-server'], userUid: 1000, userGid: 1000 },
    notes:
      'ENV ENTRYPOINTD=${HOME}/entrypoint.d: HOME is not set in the build env, so it expands to /entrypoint.d. uid/gid 1000 = first `adduser coder` on debian:12 (inferred). ' +
      'Entrypoint runs fixuid (setuid) and optionally renames the user via $DOCKER_USER; no chown of mounted dirs. Docs mount ~/.config and ~/.local (and a project dir). v4.96.4: ci/release-image unchanged.',
  },
  {
    repository: 'docker.io/dbeaver/cloudbeaver',
    tag: '24.3.1',
    source: {
      repo: 'https://github.com/dbeaver/cloudbeaver',
      ref: '24.3.1',
      dockerfile:
        'deploy/docker/cloudbeaver-ce/Dockerfile <- dbeaver/base-java (deploy/docker/base-java/Dockerfile) <- ubuntu:24.04 (+ JDK copied from eclipse-temurin:17)',
    },
    config: {
      Env: [
        'PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'DEBIAN_FRONTEND=noninteractive',
        'LANG=en_US.UTF-8',
        'JAVA_HOME=/opt/java/openjdk',
        'DBEAVER_GID=8978',
        'DBEAVER_UID=8978',
      ],
      Entrypoint: ['./run-server.sh'],
      Cmd: [],
      User: '',
      WorkingDir: '/opt/cloudbeaver/',
      Volumes: [],
      ExposedPorts: ['8978/tcp'],
    },
    data: { writes: ['/opt/cloudbeaver/workspace'] },
    notes:
      'Read at tag 24.3.1 from the GitHub mirror Mu-L/cloudbeaver (the dbeaver/cloudbeaver snapshot here stops at 2024-10). User dbeaver (8978:8978) is created and launch-product.sh ' +
      '(chown -R $DBEAVER_UID:$DBEAVER_GID $PWD then `su dbeaver`) is copied in, but ENTRYPOINT is ./run-server.sh, so the server runs as root with no privilege drop. ' +
      'WorkingDir keeps the trailing slash as written (BuildKit does not clean absolute WORKDIR paths). dbeaver/base-java image content assumed to match base-java/Dockerfile at the tag. 24.3.2: deploy/docker and deploy/scripts unchanged.',
  },
  {
    repository: 'docker.io/deluan/navidrome',
    tag: '0.53.3',
    source: {
      repo: 'https://github.com/navidrome/navidrome',
      ref: 'v0.53.3',
      dockerfile: '.github/workflows/pipeline.dockerfile (final stage) <- alpine:3.18 (docker-library/alpine)',
    },
    config: {
      Env: [DEFAULT_PATH, 'ND_MUSICFOLDER=/music', 'ND_DATAFOLDER=/data', 'ND_PORT=4533', 'GODEBUG=asyncpreemptoff=1'],
      Entrypoint: ['/app/navidrome'],
      Cmd: [],
      User: '',
      WorkingDir: '/app',
      Volumes: ['/data', '/music'],
      ExposedPorts: ['4533/tcp'],
    },
    data: { writes: ['/data'] },
    notes:
      'Runs as root unless the user passes --user; /music is read-only use. 0.54.3 is built from the new top-level Dockerfile (alpine:3.21 final stage) with the same Env/Entrypoint/WorkingDir/Volumes/Expose, so no override.',
  },
  {
    repository: 'docker.io/dpage/pgadmin4',
    tag: '8.13',
    source: {
      repo: 'https://github.com/pgadmin-org/pgadmin4',
      ref: 'REL-8_13',
      dockerfile: 'Dockerfile (final stage) <- alpine:latest (docker-library/alpine); pkg/docker/entrypoint.sh',
    },
    config: {
      Env: [DEFAULT_PATH, 'PYTHONPATH=/pgadmin4'],
      Entrypoint: ['/entrypoint.sh'],
      Cmd: [],
      User: 'pgadmin',
      WorkingDir: '/pgadmin4',
      Volumes: ['/var/lib/pgadmin'],
      ExposedPorts: ['80/tcp', '443/tcp'],
    },
    data: { writes: ['/var/lib/pgadmin'], userUid: 5050, userGid: 0 },
    notes:
      '`useradd -r -u 5050 -g root pgadmin`; /var/lib/pgadmin and /run/pgadmin are pgadmin:root, g=u. Entrypoint also writes /pgadmin4/config_distro.py on first run. ' +
      '8.14: Dockerfile unchanged (entrypoint only gained PGADMIN_CUSTOM_CONFIG_DISTRO_FILE / PGPASS_FILE handling).',
  },
  {
    repository: 'docker.io/drakkan/sftpgo',
    tag: 'v2.6.4',
    source: {
      repo: 'https://github.com/drakkan/sftpgo',
      ref: 'v2.6.4',
      dockerfile: 'Dockerfile (final stage; workflow docker.yml, debian full variant) <- debian:bookworm-slim (docker-library/debian)',
    },
    config: {
      Env: [DEFAULT_PATH, 'SFTPGO_LOG_FILE_PATH='],
      Entrypoint: [],
      Cmd: ['sftpgo', 'serve'],
      User: '1000:1000',
      WorkingDir: '/var/lib/sftpgo',
      Volumes: [],
      ExposedPorts: [],
    },
    data: { writes: ['/var/lib/sftpgo', '/srv/sftpgo'], userUid: 1000, userGid: 1000 },
    notes:
      'No EXPOSE and no VOLUME in the Dockerfile (service ports 2022/8080 are only documented). SQLite db and host keys go to the config dir (cwd /var/lib/sftpgo); ' +
      'users_base_dir and backups are rewritten to /srv/sftpgo/{data,backups}. Build args of the published v2.6.4 tag: INSTALL_OPTIONAL_PACKAGES=true, DOWNLOAD_PLUGINS=false (no config effect). v2.6.5: Dockerfile unchanged.',
  },
  {
    repository: 'docker.io/erikvl87/languagetool',
    tag: '6.5',
    source: {
      repo: 'https://github.com/Erikvl87/docker-languagetool',
      ref: 'v6.5',
      dockerfile: 'Dockerfile (final stage) <- alpine:3.20.3 (docker-library/alpine)',
    },
    config: {
      Env: [DEFAULT_PATH],
      Entrypoint: [],
      Cmd: ['bash', 'start.sh'],
      User: 'languagetool',
      WorkingDir: '/LanguageTool',
      Volumes: [],
      ExposedPorts: ['8010/tcp'],
    },
    data: { writes: [], userUid: 100, userGid: 101 },
    notes:
      'uid/gid inferred from busybox `addgroup -S` / `adduser -S` on alpine 3.20 (first free system ids: gid 101 since users=100, uid 100). ' +
      'No data dir: start.sh only appends langtool_* env vars to /LanguageTool/config.properties (owned by languagetool); an ngrams dir is optional and read-only. ' +
      'Docker tag 6.5 comes from git tag v6.5 (later rebuilds are tagged 6.5-dockerupdate-N). 6.6: only the base changes (alpine:3.21.3), no config change.',
  },
  {
    repository: 'docker.io/excalidraw/excalidraw',
    tag: 'v0.17.3',
    source: {
      repo: 'https://github.com/excalidraw/excalidraw',
      ref: 'v0.17.3',
      dockerfile:
        'Dockerfile (final stage) <- nginx:1.21-alpine (nginxinc/docker-nginx mainline/alpine/Dockerfile @d039609, nginx 1.21.6) <- alpine:3.15',
    },
    config: {
      Env: [DEFAULT_PATH, 'NGINX_VERSION=1.21.6', 'NJS_VERSION=0.7.3', 'PKG_RELEASE=1'],
      Entrypoint: ['/docker-entrypoint.sh'],
      Cmd: ['nginx', '-g', 'daemon off;'],
      User: '',
      WorkingDir: '',
      Volumes: [],
      ExposedPorts: ['80/tcp'],
      StopSignal: 'SIGQUIT',
    },
    data: { writes: ['/var/cache/nginx', '/var/run', '/etc/nginx/conf.d'] },
    notes:
      'Tag probably never published: .github/workflows/publish-docker.yml at v0.17.3 pushes only excalidraw/excalidraw:latest (on pushes to the release branch); record built from the Dockerfile at the git tag. ' +
      'Final stage only copies static files, so Env/Entrypoint/Cmd/StopSignal/Expose are nginx:1.21-alpine\'s. NJS_VERSION 0.7.3 is the last 1.21.6 alpine revision (2022-05-17); the first 1.21.6 build had 0.7.2. ' +
      'Static app, no data: nginx master runs as root, workers as nginx (101); writes are nginx temp/pid and the entrypoint\'s ipv6 edit of conf.d/default.conf.',
  },
  {
    repository: 'docker.io/fallenbagel/jellyseerr',
    tag: '2.1.0',
    source: {
      repo: 'https://github.com/Fallenbagel/jellyseerr',
      ref: 'v2.1.0',
      dockerfile: 'Dockerfile (final stage) <- node:20-alpine (nodejs/docker-node 20/alpine3.20/Dockerfile, Node 20.18.0) <- alpine:3.20',
    },
    config: {
      Env: [DEFAULT_PATH, 'NODE_VERSION=20.18.0', 'YARN_VERSION=1.22.22'],
      Entrypoint: ['/sbin/tini', '--'],
      Cmd: ['pnpm', 'start'],
      User: '',
      WorkingDir: '/app',
      Volumes: [],
      ExposedPorts: ['5055/tcp'],
    },
    data: { writes: ['/app/config'] },
    tagOverrides: {
      '2.2.3': { Env: [DEFAULT_PATH, 'NODE_VERSION=20.18.1', 'YARN_VERSION=1.22.22'] },
    },
    notes:
      'Runs as root. Dockerfile identical at both tags; NODE_VERSION inferred from which node:20-alpine was current at the release build (v2.1.0 2024-11-12: 20.18.0 on alpine3.20; ' +
      'v2.2.3 2024-12-30: 20.18.1 on alpine3.21). COMMIT_TAG env is only in the build stage.',
  },
  {
    repository: 'docker.io/filebrowser/filebrowser',
    tag: 'v2.31.2-s6',
    source: {
      repo: 'https://github.com/filebrowser/filebrowser',
      ref: 'v2.31.2',
      dockerfile:
        'Dockerfile.s6 (goreleaser) <- ghcr.io/linuxserver/baseimage-alpine:3.20 (linuxserver/docker-baseimage-alpine branch 3.20, Dockerfile unchanged 2024-09..2025-02) <- scratch + alpine 3.20 rootfs + s6-overlay 3.1.6.2',
    },
    config: {
      Env: [
        'PATH=/lsiopy/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'PS1=$(whoami)@$(hostname):$(pwd)\\$ ',
        'HOME=/root',
        'TERM=xterm',
        'S6_CMD_WAIT_FOR_SERVICES_MAXTIME=0',
        'S6_VERBOSITY=1',
        'S6_STAGE2_HOOK=/docker-mods',
        'VIRTUAL_ENV=/lsiopy',
      ],
      Entrypoint: ['/init'],
      Cmd: [],
      User: '',
      WorkingDir: '',
      Volumes: ['/srv', '/config', '/database'],
      ExposedPorts: ['80/tcp'],
    },
    data: { writes: ['/config', '/database'], dropsToUid: 911, fixesOwnership: true },
    notes:
      'Starts as root under s6-overlay. init-adduser sets abc to PUID/PGID (default 911/911) and lsiown abc:abc /config; custom-cont-init.d/20-config copies settings.json and ' +
      'chowns (non-recursive) /config/settings.json, /database and /srv; the service runs `s6-setuidgid abc filebrowser -c /config/settings.json -d /database/filebrowser.db`. ' +
      '/srv is the served root (written on uploads). PATH ordering assumes BuildKit\'s default PATH for the scratch stage. v2.32.0-s6: adds jq, a /healthcheck.sh HEALTHCHECK and a /.filebrowser.json symlink; no config-field change.',
  },
  {
    repository: 'docker.io/freshrss/freshrss',
    tag: '1.24.3',
    source: {
      repo: 'https://github.com/FreshRSS/FreshRSS',
      ref: '1.24.3',
      dockerfile: 'Docker/Dockerfile <- debian:12-slim (docker-library/debian); Docker/entrypoint.sh, cli/access-permissions.sh',
    },
    config: {
      Env: [
        DEFAULT_PATH,
        'TZ=UTC',
        'COPY_LOG_TO_SYSLOG=On',
        'COPY_SYSLOG_TO_STDERR=On',
        'CRON_MIN=',
        'DATA_PATH=',
        'FRESHRSS_ENV=',
        'LISTEN=',
        'OIDC_ENABLED=',
        'TRUSTED_PROXY=',
      ],
      Entrypoint: ['./Docker/entrypoint.sh'],
      Cmd: [
        '/bin/bash',
        '-o',
        'pipefail',
        '-c',
        '([ -z "$CRON_MIN" ] || cron) && \t. /etc/apache2/envvars && \texec apache2 -D FOREGROUND $([ -n "$OIDC_ENABLED" ] && [ "$OIDC_ENABLED" -ne 0 ] && echo \'-D OIDC_ENABLED\')',
      ],
      User: '',
      WorkingDir: '/var/www/FreshRSS',
      Volumes: [],
      ExposedPorts: ['80/tcp'],
    },
    data: { writes: ['/var/www/FreshRSS/data', '/var/www/FreshRSS/extensions'], dropsToUid: 33, fixesOwnership: true },
    notes:
      'Shell-form CMD uses the Dockerfile SHELL ["/bin/bash","-o","pipefail","-c"]; continuation lines keep their leading tab. Runs as root: the entrypoint runs cli/access-permissions.sh ' +
      '(chown -R :www-data . ; chmod -R g+rX . ; chmod -R g+w ./data) and apache itself serves PHP as www-data (33) - the drop is apache\'s, not a gosu/su-exec in the entrypoint. ' +
      '1.25.0: the FreshRSS snapshot here stops at 2024-10 and a fork reaches upstream 2024-12-05; up to then Docker/Dockerfile only switched ENV to KEY=value syntax (same values), so no override is recorded, but the 1.25.0 tag itself was not read.',
  },
  {
    repository: 'docker.io/frooodle/s-pdf',
    tag: '0.36.6',
    source: {
      repo: 'https://github.com/Stirling-Tools/Stirling-PDF',
      ref: 'commit 958c21460 (version 0.36.6; last 0.36.6 main commit before 4ef118c4e)',
      dockerfile: 'Dockerfile (push-docker.yml, build-arg VERSION_TAG=0.36.6) <- alpine:3.20.3 (alpine:3.21.2 from 2025-01-12); scripts/init.sh, scripts/init-without-ocr.sh',
    },
    config: {
      Env: [
        DEFAULT_PATH,
        'DOCKER_ENABLE_SECURITY=false',
        'VERSION_TAG=0.36.6',
        'JAVA_TOOL_OPTIONS= -XX:MaxRAMPercentage=75',
        'HOME=/home/stirlingpdfuser',
        'PUID=1000',
        'PGID=1000',
        'UMASK=022',
      ],
      Entrypoint: ['tini', '--', '/scripts/init.sh'],
      Cmd: ['java', '-Dfile.encoding=UTF-8', '-jar', '/app.jar'],
      User: '',
      WorkingDir: '',
      Volumes: [],
      ExposedPorts: ['8080/tcp'],
    },
    data: {
      writes: ['/configs', '/logs', '/customFiles', '/pipeline', '/usr/share/tessdata', '/home/stirlingpdfuser'],
      dropsToUid: 1000,
      fixesOwnership: true,
    },
    tagOverrides: {
      '0.37.1': {
        Env: [
          DEFAULT_PATH,
          'DOCKER_ENABLE_SECURITY=false',
          'VERSION_TAG=0.37.1',
          'JAVA_TOOL_OPTIONS= -XX:MaxRAMPercentage=75',
          'HOME=/home/stirlingpdfuser',
          'PUID=1000',
          'PGID=1000',
          'UMASK=022',
        ],
      },
    },
    notes:
      'No release tags in the repo; versions located by the build.gradle bumps on main (read from the GitHub fork hairbui76/Stirling-PDF, upstream too large to fetch). Images are pushed from main, so tag 0.36.6 is the last main build at that version. ' +
      'JAVA_TOOL_OPTIONS="$JAVA_TOOL_OPTIONS -XX:..." expands the unset var to empty, leaving a leading space. Starts as root: init-without-ocr.sh usermod/groupmod stirlingpdfuser to PUID/PGID (1000), ' +
      'chown -R it over $HOME /logs /scripts /usr/share/fonts/opentype/noto /configs /customFiles /pipeline /app.jar, then `su-exec stirlingpdfuser`; init.sh first copies tessdata into /usr/share/tessdata as root. ' +
      'This is the default (non -fat/-ultra-lite) image. 0.37.1: only VERSION_TAG (and the alpine base 3.21.2) differ.',
  },
  {
    repository: 'docker.io/gitea/gitea',
    tag: '1.22.6',
    source: {
      repo: 'https://github.com/go-gitea/gitea',
      ref: 'v1.22.6',
      dockerfile:
        'Dockerfile (final stage) <- docker.io/library/alpine:3.20; docker/root/usr/bin/entrypoint, docker/root/etc/s6/gitea/{setup,run}',
    },
    config: {
      Env: [DEFAULT_PATH, 'USER=git', 'GITEA_CUSTOM=/data/gitea'],
      Entrypoint: ['/usr/bin/entrypoint'],
      Cmd: ['/bin/s6-svscan', '/etc/s6'],
      User: '',
      WorkingDir: '',
      Volumes: ['/data'],
      ExposedPorts: ['22/tcp', '3000/tcp'],
    },
    data: { writes: ['/data'], dropsToUid: 1000, fixesOwnership: true },
    tagOverrides: {
      '1.23.1': { Cmd: ['/usr/bin/s6-svscan', '/etc/s6'] },
    },
    notes:
      'The go-gitea/gitea snapshot is over the size limit and the index holds no version of the Dockerfile at these tags, so the final stage is reconstructed: it matches the Forgejo Dockerfile (forked from it) ' +
      'and gitea issue #33163. 1.23.0 moved to alpine 3.21 but kept CMD /bin/s6-svscan (broken); 1.23.1 (2025-01-09) ships "Use updated path to s6-svscan after alpine upgrade (#33185)(#33188)", hence the Cmd override. ' +
      'Starts as root; the entrypoint adjusts git to USER_UID/USER_GID (default 1000), s6 setup chowns -R /data/gitea, /data/git, /app/gitea to git when the top-level owner is not git, and gitea runs via `su-exec git`.',
  },
  {
    repository: 'docker.io/gotify/server',
    tag: '2.6.1',
    source: {
      repo: 'https://github.com/gotify/server',
      ref: 'v2.6.1',
      dockerfile: 'docker/Dockerfile (Makefile build-docker-multiarch) <- debian:sid-slim (docker-library/debian)',
    },
    config: {
      Env: [DEFAULT_PATH, 'GOTIFY_SERVER_PORT=80'],
      Entrypoint: ['./gotify-app'],
      Cmd: [],
      User: '',
      WorkingDir: '/app',
      Volumes: [],
      ExposedPorts: ['80/tcp'],
    },
    data: { writes: ['/app/data'] },
    notes:
      'GOTIFY_SERVER_PORT and EXPOSE come from ARG GOTIFY_SERVER_EXPOSE=80 (not overridden by the Makefile). Runs as root; default config stores data/gotify.db, images and plugins under /app/data. ' +
      'No VOLUME; docs mount /app/data. v2.6.3: docker/Dockerfile unchanged (only the Makefile GO_VERSION source changed).',
  },
  {
    repository: 'docker.io/gotson/komga',
    tag: '1.14.1',
    source: {
      repo: 'https://github.com/gotson/komga',
      ref: '1.14.1',
      dockerfile: 'komga/docker/Dockerfile.tpl (jreleaser), runner = build-amd64 stage <- ubuntu:22.04 (+ JDK copied from eclipse-temurin:21-jre)',
    },
    config: {
      Env: [
        'PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'JAVA_HOME=/opt/java/openjdk',
        'LD_LIBRARY_PATH=:/usr/lib/x86_64-linux-gnu',
        'KOMGA_CONFIGDIR=/config',
        'LANG=en_US.UTF-8',
        'LANGUAGE=en_US:en',
        'LC_ALL=en_US.UTF-8',
      ],
      Entrypoint: [
        'java',
        '-Dspring.profiles.include=docker',
        '--enable-preview',
        '--enable-native-access=ALL-UNNAMED',
        'org.springframework.boot.loader.launch.JarLauncher',
        '--spring.config.additional-location=file:/config/',
      ],
      Cmd: [],
      User: '',
      WorkingDir: '/app',
      Volumes: ['/tmp', '/config'],
      ExposedPorts: ['25600/tcp'],
    },
    data: { writes: ['/config', '/tmp'] },
    tagOverrides: {
      '1.15.0': {
        Entrypoint: [
          'java',
          '-Dspring.profiles.include=docker',
          '--enable-native-access=ALL-UNNAMED',
          '-jar',
          'application.jar',
          '--spring.config.additional-location=file:/config/',
        ],
      },
    },
    notes:
      'amd64 variant recorded: the runner stage is build-${TARGETARCH}; arm64 has LD_LIBRARY_PATH=:/usr/lib/aarch64-linux-gnu (ubuntu:23.10 base in 1.14.1), arm/v7 is eclipse-temurin:17-jre based with a different Env. ' +
      'LD_LIBRARY_PATH starts with ":" because it is unset before the ENV. WORKDIR app is relative -> /app. Runs as root. ' +
      '1.15.0: bases become ubuntu:24.10 + eclipse-temurin:23-jre (same Env), and the entrypoint switches to `-jar application.jar` without --enable-preview.',
  },
];
