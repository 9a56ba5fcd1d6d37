import type { OciImageRecord } from '../oci-image-config';

/** Docker's default PATH (BuildKit's empty-image config, and the docker-library alpine/debian bases). */
const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** docker-library/python: `ENV PATH /usr/local/bin:$PATH` on top of the debian/alpine default. */
const PYTHON_PATH = 'PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** python:3.10-slim-bookworm, docker-library/python @2024-11-21 (3.10.15). */
const PY310_15 = [
  PYTHON_PATH,
  'LANG=C.UTF-8',
  'GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D',
  'PYTHON_VERSION=3.10.15',
  'PYTHON_SHA256=aab0950817735172601879872d937c1e4928a57c409ae02369ec3d91dccebe79',
];
/** python:3.11-slim-bookworm, docker-library/python @2024-10-21 (3.11.10). */
const PY311_10 = [
  PYTHON_PATH,
  'LANG=C.UTF-8',
  'GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D',
  'PYTHON_VERSION=3.11.10',
  'PYTHON_SHA256=07a4356e912900e61a15cb0949a06c4a05012e213ecd6b4e84d0f67aabbee372',
];
/** python:3.11-slim-bookworm, docker-library/python @2024-12-17 (3.11.11). */
const PY311_11 = [
  PYTHON_PATH,
  'LANG=C.UTF-8',
  'GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D',
  'PYTHON_VERSION=3.11.11',
  'PYTHON_SHA256=2a9920c7a0cd236de33644ed980a13cbbc21058bfdc528febb6081575ed73be3',
];
/** python:3.12-slim-bookworm, docker-library/python @2024-10-21 (3.12.7). */
const PY312_7 = [
  PYTHON_PATH,
  'LANG=C.UTF-8',
  'GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305',
  'PYTHON_VERSION=3.12.7',
  'PYTHON_SHA256=24887b92e2afd4a2ac602419ad4b596372f67ac9b077190f459aba390faf5550',
];
/** python:3.12-slim-bookworm, docker-library/python @2024-12-17 .. 2025-01-24 (3.12.8). */
const PY312_8 = [
  PYTHON_PATH,
  'LANG=C.UTF-8',
  'GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305',
  'PYTHON_VERSION=3.12.8',
  'PYTHON_SHA256=c909157bb25ec114e5869124cc2a9c4a4d4c1e957ca4ff553f1edc692101154e',
];

const WORKDIR_NOTE =
  "WorkingDir '/' is inferred: BuildKit's empty image (FROM scratch) config sets WorkingDir '/' (buildkit dockerfile2llb emptyImage), " +
  'and the alpine base is a FROM scratch BuildKit build; a legacy-builder image would show an empty WorkingDir.';

const MEALIE_ENV_TAIL = [
  'MEALIE_HOME=/app',
  'PYTHONUNBUFFERED=1',
  'PYTHONDONTWRITEBYTECODE=1',
  'PIP_NO_CACHE_DIR=off',
  'PIP_DISABLE_PIP_VERSION_CHECK=on',
  'PIP_DEFAULT_TIMEOUT=100',
  'POETRY_HOME=/opt/poetry',
  'POETRY_VIRTUALENVS_IN_PROJECT=true',
  'POETRY_NO_INTERACTION=1',
  'PYSETUP_PATH=/opt/pysetup',
  'VENV_PATH=/opt/pysetup/.venv',
  'PRODUCTION=true',
  'TESTING=false',
];
const MEALIE_ENV_END = ['LD_LIBRARY_PATH=/usr/local/lib', 'APP_PORT=9000', 'STATIC_FILES=/spa/static', 'HOST=0.0.0.0'];
const MEALIE_PATH = (py: string[]) => ['PATH=/opt/poetry/bin:/opt/pysetup/.venv/bin:' + py[0].slice('PATH='.length), ...py.slice(1)];

const OPEN_WEBUI_ENV = (py: string[], buildHash: string) => [
  ...py,
  'ENV=prod',
  'PORT=8080',
  'USE_OLLAMA_DOCKER=false',
  'USE_CUDA_DOCKER=false',
  'USE_CUDA_DOCKER_VER=cu121',
  'USE_EMBEDDING_MODEL_DOCKER=sentence-transformers/all-MiniLM-L6-v2',
  'USE_RERANKING_MODEL_DOCKER=',
  'OLLAMA_BASE_URL=/ollama',
  'OPENAI_API_BASE_URL=',
  'OPENAI_API_KEY=',
  'WEBUI_SECRET_KEY=',
  'SCARF_NO_ANALYTICS=true',
  'DO_NOT_TRACK=true',
  'ANONYMIZED_TELEMETRY=false',
  'WHISPER_MODEL=base',
  'WHISPER_MODEL_DIR=/app/backend/data/cache/whisper/models',
  'RAG_EMBEDDING_MODEL=sentence-transformers/all-MiniLM-L6-v2',
  'RAG_RERANKING_MODEL=',
  'SENTENCE_TRANSFORMERS_HOME=/app/backend/data/cache/embedding/models',
  'TIKTOKEN_ENCODING_NAME=cl100k_base',
  'TIKTOKEN_CACHE_DIR=/app/backend/data/cache/tiktoken',
  'HF_HOME=/app/backend/data/cache/embedding/models',
  'HOME=/root',
  `WEBUI_BUILD_VERSION=${buildHash}`,
  'DOCKER=true',
];

/** Image configurations read from upstream sources (see each record's `source`). */
export const IMAGE_CONFIGS_D: readonly OciImageRecord[] = [
  {
    repository: 'docker.io/traefik/whoami',
    tag: 'v1.10.3',
    source: {
      repo: 'https://github.com/traefik/whoami',
      ref: 'v1.10.3',
      dockerfile: 'buildx.Dockerfile (used by .goreleaser.yml dockers[], use: buildx) <- scratch',
    },
    config: {
      Env: [DEFAULT_PATH],
      Entrypoint: ['/whoami'],
      Cmd: [],
      User: '',
      WorkingDir: '/',
      Volumes: [],
      ExposedPorts: ['80/tcp'],
    },
    data: { writes: [] },
    notes:
      'FROM scratch built by goreleaser with buildx: Env/WorkingDir are BuildKit empty-image defaults (PATH, "/"), verified in buildkit dockerfile2llb emptyImage. ' +
      'Stateless; runs as root (no passwd in image). v1.11.0: identical buildx.Dockerfile and goreleaser config.',
  },
  {
    repository: 'docker.io/twinproduction/gatus',
    tag: 'v5.14.0',
    source: {
      repo: 'https://github.com/TwiN/gatus',
      ref: 'v5.14.0',
      dockerfile: 'Dockerfile (.github/workflows/publish-release.yml, docker/build-push-action) <- scratch',
    },
    config: {
      Env: [DEFAULT_PATH, 'GATUS_CONFIG_PATH=', 'GATUS_LOG_LEVEL=INFO', 'PORT=8080'],
      Entrypoint: ['/gatus'],
      Cmd: [],
      User: '',
      WorkingDir: '/',
      Volumes: [],
      ExposedPorts: ['8080/tcp'],
    },
    data: { writes: [] },
    notes:
      'EXPOSE ${PORT} resolves to 8080. Default /config/config.yaml (baked in) uses in-memory storage, so nothing is written at start-up; ' +
      'docs mount /config (read) and /data when storage type sqlite/postgres is configured. Runs as root (scratch, no passwd). ' +
      'v5.15.0: Dockerfile and bundled config.yaml unchanged.',
  },
  {
    repository: 'docker.io/valkey/valkey',
    tag: '8.0.1',
    source: {
      repo: 'https://github.com/valkey-io/valkey-container',
      ref: '305f68b (updates for 7.2.7 and 8.0.1, 2024-10-02)',
      dockerfile: '8.0/debian/Dockerfile + 8.0/debian/docker-entrypoint.sh <- debian:bookworm-slim',
    },
    config: {
      Env: [
        DEFAULT_PATH,
        'VALKEY_VERSION=8.0.1',
        'VALKEY_DOWNLOAD_URL=https://github.com/valkey-io/valkey/archive/refs/tags/8.0.1.tar.gz',
        'VALKEY_DOWNLOAD_SHA=1e1d6dfbed2f932a87afbc7402be050a73974a9b19a9116897e537a6638e5e1d',
      ],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['valkey-server'],
      User: '',
      WorkingDir: '/data',
      Volumes: ['/data'],
      ExposedPorts: ['6379/tcp'],
    },
    data: { writes: ['/data'], dropsToUid: 999, fixesOwnership: true },
    tagOverrides: {
      '8.0.2': {
        Env: [
          DEFAULT_PATH,
          'VALKEY_VERSION=8.0.2',
          'VALKEY_DOWNLOAD_URL=https://github.com/valkey-io/valkey/archive/refs/tags/8.0.2.tar.gz',
          'VALKEY_DOWNLOAD_SHA=e052c45b3cbe512e24fdfdc3fd337f9f5e4b8f8b8713f349ba867b829c8ff11a',
        ],
      },
    },
    notes:
      'The repository has no tags; read at the commits that added 8.0.1 (305f68b) and 8.0.2 (59dc7d5, 2025-01-07). Plain version tags are the debian variant (alpine ones carry -alpine). ' +
      "User valkey is 999:999 (groupadd -r -g 999 / useradd -r -u 999). When started as root with valkey-server, the entrypoint runs `find . \\! -user valkey -exec chown valkey` in WORKDIR /data (owner only, not group), then re-execs via setpriv --reuid=valkey --regid=valkey.",
  },
  {
    repository: 'docker.io/vaultwarden/server',
    tag: '1.32.7',
    source: {
      repo: 'https://github.com/dani-garcia/vaultwarden',
      ref: '1.32.7',
      dockerfile: 'docker/Dockerfile.debian (final stage) <- docker.io/library/debian:bookworm-slim; docker/start.sh',
    },
    config: {
      Env: [DEFAULT_PATH, 'ROCKET_PROFILE=release', 'ROCKET_ADDRESS=0.0.0.0', 'ROCKET_PORT=80', 'DEBIAN_FRONTEND=noninteractive'],
      Entrypoint: [],
      Cmd: ['/start.sh'],
      User: '',
      WorkingDir: '/',
      Volumes: ['/data'],
      ExposedPorts: ['80/tcp'],
    },
    data: { writes: ['/data'] },
    notes:
      'Runs as root; start.sh sources /etc/vaultwarden.sh and /etc/vaultwarden.d/*.sh if present, then execs /vaultwarden (no privilege drop). HEALTHCHECK /healthcheck.sh. ' +
      'Plain tags are the debian image (alpine ones carry -alpine). 1.33.0: final stage unchanged (only build-stage images bumped).',
  },
  {
    repository: 'docker.io/verdaccio/verdaccio',
    tag: '6.0.5',
    source: {
      repo: 'https://github.com/verdaccio/verdaccio',
      ref: '00b57662dbd45d2182079a4f2498feacd34e5d6a (stored 6.x Dockerfile, not confirmed to be v6.0.5)',
      dockerfile: 'Dockerfile <- node:20.17.0-alpine (nodejs/docker-node 20/alpine3.20) <- alpine:3.20',
    },
    config: {
      Env: [
        'PATH=/opt/verdaccio/docker-bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'NODE_VERSION=20.17.0',
        'YARN_VERSION=1.22.22',
        'VERDACCIO_APPDIR=/opt/verdaccio',
        'VERDACCIO_USER_NAME=verdaccio',
        'VERDACCIO_USER_UID=10001',
        'VERDACCIO_PORT=4873',
        'VERDACCIO_PROTOCOL=http',
        'HOME=/opt/verdaccio',
      ],
      Entrypoint: ['uid_entrypoint'],
      Cmd: ['/bin/sh', '-c', 'verdaccio --config /verdaccio/conf/config.yaml --listen $VERDACCIO_PROTOCOL://0.0.0.0:$VERDACCIO_PORT'],
      User: '10001',
      WorkingDir: '/opt/verdaccio',
      Volumes: ['/verdaccio/storage'],
      ExposedPorts: ['4873/tcp'],
    },
    data: { writes: ['/verdaccio/storage'], userUid: 10001, userGid: 65533 },
    notes:
      'The verdaccio repository is too large to fetch here; the only stored Dockerfile version (commit 00b5766, single-package `yarn pack` layout of the 6.x line, node:20.17.0-alpine) was read, and I could not confirm it is the one at v6.0.5 or v6.1.0. ' +
      'If the 6.x branch bumped the node base before a release, only NODE_VERSION (and YARN_VERSION) would differ; 6.1.0 is recorded without overrides because no difference could be verified. ' +
      'User is `USER $VERDACCIO_USER_UID` = "10001"; `adduser -S` without -G puts the user in busybox group nogroup (65533 on alpine), matching the 10001:65533 ownership verdaccio documents. ' +
      '/verdaccio/storage is chowned 10001:root and g=u at build time; uid_entrypoint only rewrites /etc/passwd for arbitrary uids >= 10000 and does not chown. ' +
      'Shell-form CMD becomes /bin/sh -c.',
  },
  {
    repository: 'docker.io/vikunja/vikunja',
    tag: '0.24.5',
    source: {
      repo: 'https://github.com/go-vikunja/vikunja',
      ref: 'v0.24.5',
      dockerfile: 'Dockerfile (final stage) <- scratch',
    },
    config: {
      Env: [DEFAULT_PATH, 'VIKUNJA_SERVICE_ROOTPATH=/app/vikunja/', 'VIKUNJA_DATABASE_PATH=/db/vikunja.db'],
      Entrypoint: ['/app/vikunja/vikunja'],
      Cmd: [],
      User: '1000',
      WorkingDir: '/app/vikunja',
      Volumes: [],
      ExposedPorts: ['3456/tcp'],
    },
    data: { writes: ['/app/vikunja/files', '/db'], userUid: 1000, userGid: 0 },
    notes:
      'FROM scratch: PATH is the BuildKit default. No /etc/passwd in the image, so numeric USER 1000 runs with gid 0 (runtime default; inferred). ' +
      'Defaults: database type sqlite at VIKUNJA_DATABASE_PATH (/db/vikunja.db), files.basepath "files" under the rootpath (/app/vikunja/files); docs mount ./files and ./db there, and the host dirs must be writable by uid 1000. ' +
      'v0.24.6: Dockerfile unchanged.',
  },
  {
    repository: 'ghcr.io/advplyr/audiobookshelf',
    tag: '2.17.5',
    source: {
      repo: 'https://github.com/advplyr/audiobookshelf',
      ref: 'v2.17.5',
      dockerfile: 'Dockerfile (stage 1) <- node:20-alpine (nodejs/docker-node 20/alpine3.20 @2024-12-03, 20.18.1) <- alpine:3.20',
    },
    config: {
      Env: [
        DEFAULT_PATH,
        'NODE_VERSION=20.18.1',
        'YARN_VERSION=1.22.22',
        'NODE_ENV=production',
        'NUSQLITE3_DIR=/usr/local/lib/nusqlite3',
        'NUSQLITE3_PATH=/usr/local/lib/nusqlite3/libnusqlite3.so',
      ],
      Entrypoint: ['tini', '--'],
      Cmd: ['node', 'index.js'],
      User: '',
      WorkingDir: '/',
      Volumes: [],
      ExposedPorts: ['80/tcp'],
    },
    data: { writes: ['/config', '/metadata'] },
    notes:
      'index.js defaults CONFIG_PATH=/config and METADATA_PATH=/metadata (no VOLUME; docs mount them plus audiobook/podcast dirs). Runs as root, no privilege drop. ' +
      'node:20-alpine was 20.18.1 from 2024-12-03 until 20.18.2 (2025-01-21), so both tags (built 2024-12-08 and 2025-01-01) share it. ' +
      'The node base ENTRYPOINT/CMD are replaced. ' +
      WORKDIR_NOTE +
      ' v2.17.7: Dockerfile unchanged.',
  },
  {
    repository: 'ghcr.io/corentinth/it-tools',
    tag: '2024.10.22-7ca5933',
    source: {
      repo: 'https://github.com/CorentinTh/it-tools',
      ref: 'v2024.10.22-7ca5933',
      dockerfile:
        'Dockerfile (production-stage) <- nginx:stable-alpine (nginxinc/docker-nginx stable/alpine <- stable/alpine-slim @6a4c0cb, 1.26.2) <- alpine:3.20',
    },
    config: {
      Env: [DEFAULT_PATH, 'NGINX_VERSION=1.26.2', 'PKG_RELEASE=1', 'DYNPKG_RELEASE=2', 'NJS_VERSION=0.8.5', 'NJS_RELEASE=1'],
      Entrypoint: ['/docker-entrypoint.sh'],
      Cmd: ['nginx', '-g', 'daemon off;'],
      User: '',
      WorkingDir: '/',
      Volumes: [],
      ExposedPorts: ['80/tcp'],
      StopSignal: 'SIGQUIT',
    },
    data: { writes: ['/var/cache/nginx', '/var/run'] },
    notes:
      'Built by .github/workflows/releases.yml on the tag push (2024-10-22); nginx:stable-alpine then was 1.26.2 (docker-nginx commit of 2024-10-02). ' +
      'Static site: nginx master runs as root, workers as nginx (101:101); it writes only its cache (/var/cache/nginx) and pid (/var/run/nginx.pid). ' +
      'The image replaces /etc/nginx/conf.d/default.conf, so the entrypoint ipv6 script leaves it alone. ' +
      WORKDIR_NOTE,
  },
  {
    repository: 'ghcr.io/dgtlmoon/changedetection.io',
    tag: '0.47.06',
    source: {
      repo: 'https://github.com/dgtlmoon/changedetection.io',
      ref: '0.47.06',
      dockerfile: 'Dockerfile (final stage, PYTHON_VERSION=3.11) <- python:3.11-slim-bookworm (docker-library/python @2024-10-21, 3.11.10) <- debian:bookworm-slim',
    },
    config: {
      Env: [...PY311_10, 'PYTHONUNBUFFERED=1', 'PYTHONPATH=/usr/local', 'LOGGER_LEVEL='],
      Entrypoint: [],
      Cmd: ['python', './changedetection.py', '-d', '/datastore'],
      User: '',
      WorkingDir: '/app',
      Volumes: [],
      ExposedPorts: ['5000/tcp'],
    },
    data: { writes: ['/datastore'] },
    tagOverrides: {
      '0.48.05': { Env: [...PY311_11, 'PYTHONUNBUFFERED=1', 'PYTHONPATH=/usr/local', 'LOGGER_LEVEL='] },
    },
    notes:
      "LOGGER_LEVEL comes from `ARG LOGGER_LEVEL=''` (the release job in containers.yml passes no build-args), so it is empty. No VOLUME; docs mount /datastore. Runs as root. " +
      'Python patch version inferred from the python:3.11-slim-bookworm Dockerfile current at each tag date (0.47.06 on 2024-11-07 -> 3.11.10; 0.48.05 on 2024-12-27 -> 3.11.11); the Dockerfile itself only changed the playwright pin.',
  },
  {
    repository: 'ghcr.io/esphome/esphome',
    tag: '2024.12.2',
    source: {
      repo: 'https://github.com/esphome/esphome',
      ref: 'release branch @2024.10.2 (nearest available; 2024.12.x tags not in the stored snapshot)',
      dockerfile: 'docker/Dockerfile (target docker, BASEIMGTYPE=docker) + docker/docker_entrypoint.sh <- debian:12.2-slim',
    },
    config: {
      Env: [DEFAULT_PATH, 'LANG=C.UTF-8', 'LC_ALL=C.UTF-8', 'PLATFORMIO_GLOBALLIB_DIR=/piolibs', 'USERNAME=', 'PASSWORD='],
      Entrypoint: ['/entrypoint.sh'],
      Cmd: ['dashboard', '/config'],
      User: '',
      WorkingDir: '/config',
      Volumes: ['/config'],
      ExposedPorts: ['6052/tcp'],
    },
    data: { writes: ['/config'] },
    notes:
      'The fetched snapshot ends 2024-10-25 (release = 2024.10.2) and the 2024.12.x Dockerfile could not be read at the tag. Config-level lines (base debian:12.2-slim, ENV, VOLUME/WORKDIR /config, ENTRYPOINT/CMD, EXPOSE 6052) were stable through 2024; ' +
      'the later move to ghcr.io/esphome/docker-base (python:3.12 based, adds UV_*/PIP_ROOT_USER_ACTION env) uses docker-base 2025.04.0, the first docker-base release after 2024.10.0, so 2024.12.x is inferred to still use the debian:12.2-slim layout. ' +
      'Runs as root; the entrypoint creates /config/.esphome/platformio (or /cache/platformio when /cache is mounted) and builds into /config/.esphome unless /build is mounted. 2024.12.4: assumed identical.',
  },
  {
    repository: 'ghcr.io/gethomepage/homepage',
    tag: 'v0.10.9',
    source: {
      repo: 'https://github.com/gethomepage/homepage',
      ref: 'v0.10.9',
      dockerfile: 'Dockerfile (runner stage) + docker-entrypoint.sh <- docker.io/node:18-alpine (nodejs/docker-node 18/alpine3.21, 18.20.5) <- alpine',
    },
    config: {
      Env: [DEFAULT_PATH, 'NODE_VERSION=18.20.5', 'YARN_VERSION=1.22.22', 'NODE_ENV=production', 'PORT=3000'],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['node', 'server.js'],
      User: '',
      WorkingDir: '/app',
      Volumes: [],
      ExposedPorts: ['3000/tcp'],
    },
    data: { writes: ['/app/config'] },
    tagOverrides: {
      'v1.0.0': {
        Env: [DEFAULT_PATH, 'NODE_VERSION=22.14.0', 'YARN_VERSION=1.22.22', 'NODE_ENV=production', 'HOSTNAME=::', 'PORT=3000'],
      },
    },
    notes:
      'docker-entrypoint.sh is the image\'s own (/usr/local/bin), replacing the node one. PUID/PGID default to 0, so by default it stays root and does not chown; ' +
      'only with PUID != 0 does it `chown -R PUID:PGID /app` and su-exec to PUID:PGID. It links /app/config -> /config when /app/config is missing. ' +
      'Node versions inferred from the node:18-alpine / node:22-alpine Dockerfiles current at the tag dates (v0.10.9 2025-01-06 -> 18.20.5; v1.0.0 2025-03-14 -> 22.14.0). ' +
      'v1.0.0 moved to node:22-alpine and added ENV HOSTNAME=::; entrypoint unchanged.',
  },
  {
    repository: 'ghcr.io/home-assistant/home-assistant',
    tag: '2024.12.5',
    source: {
      repo: 'https://github.com/home-assistant/core',
      ref: '2024.12.5',
      dockerfile:
        'Dockerfile (hassfest-generated) <- ghcr.io/home-assistant/amd64-homeassistant-base (home-assistant/docker) <- amd64-base-python:3.13-alpine3.2x (home-assistant/docker-base python/3.13) <- amd64-base (docker-base alpine/Dockerfile, s6-overlay 3.1.6.2) <- alpine',
    },
    config: {
      Env: [
        PYTHON_PATH,
        'LANG=C.UTF-8',
        'S6_BEHAVIOUR_IF_STAGE2_FAILS=2',
        'S6_CMD_WAIT_FOR_SERVICES_MAXTIME=0',
        'S6_CMD_WAIT_FOR_SERVICES=1',
        'S6_SERVICES_READYTIME=50',
        'UV_EXTRA_INDEX_URL=https://wheels.home-assistant.io/musllinux-index/',
        'S6_SERVICES_GRACETIME=240000',
        'UV_SYSTEM_PYTHON=true',
        'UV_NO_CACHE=true',
      ],
      Entrypoint: ['/init'],
      Cmd: [],
      User: '',
      WorkingDir: '/config',
      Volumes: [],
      ExposedPorts: [],
    },
    data: { writes: ['/config'] },
    notes:
      'home-assistant/core is too large to fetch here; the core Dockerfile ENV block (S6_SERVICES_GRACETIME, UV_SYSTEM_PYTHON, UV_NO_CACHE added by PR #129912 on 2024-11-05) and final WORKDIR /config are from the hassfest template and a published 2024.8 inspect, not read at the tag. ' +
      'Base ENV read at home-assistant/docker-base 2024.12.1 (alpine: LANG + S6_* + UV_EXTRA_INDEX_URL; python: PATH prefix only, PYTHON_VERSION is an ARG) and home-assistant/docker 2024.11.0/2024.12.0 (no ENV). ' +
      "ENTRYPOINT /init (s6-overlay v3) comes from the alpine base and resets alpine's CMD. Runs as root, no EXPOSE (host networking, 8123). " +
      '2025.1.0: same config (the homeassistant-base bump between them changes no ENV/ENTRYPOINT/WORKDIR).',
  },
  {
    repository: 'ghcr.io/mealie-recipes/mealie',
    tag: 'v2.3.0',
    source: {
      repo: 'https://github.com/mealie-recipes/mealie',
      ref: 'v2.0.0 (2024-10-21; nearest tag in the stored snapshot)',
      dockerfile: 'docker/Dockerfile (production stage) + docker/entry.sh <- python:3.10-slim (docker-library/python 3.10/slim-bookworm, 3.10.15) <- debian:bookworm-slim',
    },
    config: {
      Env: [...MEALIE_PATH(PY310_15), ...MEALIE_ENV_TAIL, 'GIT_COMMIT_HASH=<git sha of the v2.3.0 release commit>', ...MEALIE_ENV_END],
      Entrypoint: ['/app/run.sh'],
      Cmd: [],
      User: '',
      WorkingDir: '/',
      Volumes: ['/app/data/'],
      ExposedPorts: ['9000/tcp'],
    },
    data: { writes: ['/app/data'], dropsToUid: 911, fixesOwnership: true },
    tagOverrides: {
      'v2.4.2': {
        Env: [...MEALIE_PATH(PY312_8), ...MEALIE_ENV_TAIL, 'GIT_COMMIT_HASH=<git sha of the v2.4.2 release commit>', ...MEALIE_ENV_END],
      },
    },
    notes:
      'The stored mealie snapshot ends at v2.0.0 (2024-10-24); its docker/Dockerfile is used for v2.3.0. The wheel/venv rework (PR #4551, /opt/mealie venv, NLTK_DATA) was merged only around 2025-03, so it is not in v2.3.0 or v2.4.2. ' +
      'PR #4675 (Python 3.12, opened 2024-12-03) is assumed to be in v2.4.x, hence the v2.4.2 override with python:3.12-slim 3.12.8; the rest of the Dockerfile is assumed unchanged. Python patch versions are inferred from release dates (not verified). ' +
      'GIT_COMMIT_HASH is `ARG COMMIT`, which partial-builder.yml sets to github.sha (the release commit); its value is unknown here. ' +
      'Runs as root; entry.sh (PUID/PGID default 911) remaps user abc, `chown -R $PUID:$PGID /app`, then `exec gosu $PUID` before starting mealie. The python base CMD is reset by ENTRYPOINT.',
  },
  {
    repository: 'ghcr.io/open-webui/open-webui',
    tag: 'v0.5.4',
    source: {
      repo: 'https://github.com/open-webui/open-webui',
      ref: 'v0.5.4 (not read at the tag; see notes)',
      dockerfile: 'Dockerfile (base stage, default build args) + backend/start.sh <- python:3.11-slim-bookworm (docker-library/python, 3.11.11) <- debian:bookworm-slim',
    },
    config: {
      Env: OPEN_WEBUI_ENV(PY311_11, '<git sha of v0.5.4>'),
      Entrypoint: [],
      Cmd: ['bash', 'start.sh'],
      User: '0:0',
      WorkingDir: '/app/backend',
      Volumes: [],
      ExposedPorts: ['8080/tcp'],
    },
    data: { writes: ['/app/backend/data', '/app/backend'] },
    tagOverrides: {
      'v0.5.7': { Env: OPEN_WEBUI_ENV(PY311_11, '<git sha of v0.5.7>') },
    },
    notes:
      'The open-webui repository is too large to fetch here and no stored Dockerfile matches v0.5.x exactly; the config was reconstructed from the upstream Dockerfile layout of that period (ENV blocks Basis / URL / API key / whisper / RAG / tiktoken / HF_HOME, WORKDIR /app/backend, HOME=/root, USER $UID:$GID with UID=GID=0, ENV WEBUI_BUILD_VERSION + DOCKER=true, CMD bash start.sh) as seen in stored earlier and later versions. Verify before relying on exact Env. ' +
      'Default build args assumed for the main tag (USE_CUDA=false, USE_OLLAMA=false, USE_CUDA_VER=cu121, embedding model sentence-transformers/all-MiniLM-L6-v2, empty reranker). WEBUI_BUILD_VERSION is BUILD_HASH = github.sha of the tag build (unknown here). ' +
      'User "0:0" is root. start.sh writes /app/backend/.webui_secret_key when WEBUI_SECRET_KEY is empty; data (webui.db, uploads, caches) go to /app/backend/data (docs mount it).',
  },
  {
    repository: 'ghcr.io/paperless-ngx/paperless-ngx',
    tag: '2.13.5',
    source: {
      repo: 'https://github.com/paperless-ngx/paperless-ngx',
      ref: 'v2.13.5',
      dockerfile:
        'Dockerfile (main-app stage) + docker/docker-entrypoint.sh, docker/paperless_cmd.sh, docker/supervisord.conf <- docker.io/python:3.12-slim-bookworm (docker-library/python @2024-10-21, 3.12.7) <- debian:bookworm-slim',
    },
    config: {
      Env: [
        ...PY312_7,
        'PYTHONDONTWRITEBYTECODE=1',
        'PYTHONUNBUFFERED=1',
        'PYTHONWARNINGS=ignore:::django.http.response:517',
        'PNGX_CONTAINERIZED=1',
      ],
      Entrypoint: ['/sbin/docker-entrypoint.sh'],
      Cmd: ['/usr/local/bin/paperless_cmd.sh'],
      User: '',
      WorkingDir: '/usr/src/paperless/src/',
      Volumes: ['/usr/src/paperless/data', '/usr/src/paperless/media', '/usr/src/paperless/consume', '/usr/src/paperless/export'],
      ExposedPorts: ['8000/tcp'],
    },
    data: {
      writes: ['/usr/src/paperless/data', '/usr/src/paperless/media', '/usr/src/paperless/consume', '/usr/src/paperless/export'],
      dropsToUid: 1000,
      fixesOwnership: true,
    },
    tagOverrides: {
      '2.14.7': {
        Env: [
          ...PY312_8,
          'PYTHONDONTWRITEBYTECODE=1',
          'PYTHONUNBUFFERED=1',
          'PYTHONWARNINGS=ignore:::django.http.response:517',
          'PNGX_CONTAINERIZED=1',
        ],
      },
    },
    notes:
      'paperless user/group 1000:1000 (addgroup --gid 1000, useradd --uid 1000). Started as root, the entrypoint maps USERMAP_UID/GID (default 1000), creates data/index, media/documents/{originals,thumbnails}, consume, export and /tmp/paperless, ' +
      'chowns anything not paperless:paperless under export, data, media and consume, runs docker-prepare.sh via gosu paperless, then paperless_cmd.sh starts supervisord (root) whose programs (gunicorn, consumer, celery) run as user paperless. ' +
      'WorkingDir keeps the trailing slash as written (BuildKit does not clean absolute WORKDIR paths). Python patch version inferred from tag dates (2024-11-10 -> 3.12.7; 2025-01-31 -> 3.12.8). 2.14.7 Dockerfile differs only in pipenv/psycopg versions.',
  },
  {
    repository: 'ghcr.io/requarks/wiki',
    tag: '2.5.305',
    source: {
      repo: 'https://github.com/requarks/wiki',
      ref: 'v2.5.305',
      dockerfile: 'dev/build/Dockerfile (release stage; arm64 uses dev/build-arm/Dockerfile) <- node:20-alpine (nodejs/docker-node 20/alpine3.20 @2024-10-10, 20.18.0) <- alpine:3.20',
    },
    config: {
      Env: [DEFAULT_PATH, 'NODE_VERSION=20.18.0', 'YARN_VERSION=1.22.22'],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['node', 'server'],
      User: 'node',
      WorkingDir: '/wiki',
      Volumes: ['/wiki/data/content'],
      ExposedPorts: ['3000/tcp', '3443/tcp'],
    },
    data: { writes: ['/wiki/data', '/wiki/data/content'], userUid: 1000, userGid: 1000 },
    tagOverrides: {
      '2.5.306': { Env: [DEFAULT_PATH, 'NODE_VERSION=20.18.2', 'YARN_VERSION=1.22.22'] },
    },
    notes:
      'Entrypoint is inherited from node:20-alpine (it only prefixes `node` when the first arg is not a command). User node = 1000:1000 from the node base (addgroup -g 1000 node; adduser -u 1000 -G node). ' +
      'dataPath ./data (/wiki/data: content, cache, uploads, optional sqlite via DB_FILEPATH) is created and chowned node:node at build time; the DB is external by default (DB_TYPE env). ' +
      'Node versions inferred from the tag dates (2024-10-12 -> 20.18.0; 2025-02-02 -> 20.18.2); dev/build/Dockerfile unchanged between the tags.',
  },
  {
    repository: 'ghcr.io/wg-easy/wg-easy',
    tag: '14',
    source: {
      repo: 'https://github.com/wg-easy/wg-easy',
      ref: 'v14 branch @380ff5c2 (2025-06-03; tag v14.0.0 points here)',
      dockerfile: 'Dockerfile <- docker.io/library/node:lts-alpine (nodejs/docker-node 22/alpine3.22, 22.16.0) <- alpine:3.22',
    },
    config: {
      Env: [DEFAULT_PATH, 'NODE_VERSION=22.16.0', 'YARN_VERSION=1.22.22', 'DEBUG=Server,WireGuard'],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['/usr/bin/dumb-init', 'node', 'server.js'],
      User: '',
      WorkingDir: '/app',
      Volumes: [],
      ExposedPorts: [],
    },
    data: { writes: ['/etc/wireguard'] },
    notes:
      '"14" is a floating tag pushed by .github/workflows/deploy.yml on every v14-branch push without !skipci; the last such push is 380ff5c2 (2025-06-03), built from node:lts-alpine (22.16.0, alpine 3.22 default). ' +
      'Builds from Sep 2024 until then used node:20-alpine (NODE_VERSION 20.x) with otherwise the same config. No EXPOSE and no VOLUME in the Dockerfile (UI 51821/tcp, WireGuard 51820/udp, docs mount /etc/wireguard). ' +
      'Entrypoint inherited from the node base; runs as root (needs NET_ADMIN/SYS_MODULE).',
  },
  {
    repository: 'quay.io/hedgedoc/hedgedoc',
    tag: '1.10.0',
    source: {
      repo: 'https://github.com/hedgedoc/container',
      ref: 'master @e455803 (2024-09-07, last push with HEDGEDOC_VERSION=1.10.0)',
      dockerfile:
        'debian/Dockerfile (app stage, VERSION=1.10.0 from .github/workflows/release.yml) + resources/docker-entrypoint.sh <- docker.io/library/node:20.17.0-bullseye-slim',
    },
    config: {
      Env: [DEFAULT_PATH, 'NODE_VERSION=20.17.0', 'YARN_VERSION=1.22.22', 'NODE_ENV=production', 'UPLOADS_MODE=0700'],
      Entrypoint: ['/usr/local/bin/docker-entrypoint.sh'],
      Cmd: ['node', 'app.js'],
      User: '',
      WorkingDir: '/hedgedoc',
      Volumes: [],
      ExposedPorts: ['3000/tcp'],
    },
    data: { writes: ['/hedgedoc/public/uploads'], dropsToUid: 10000, fixesOwnership: false },
    notes:
      'The container repo has no git tags; release.yml rebuilds and re-pushes the version tag on every master push, so 1.10.0 is the state at e455803 and 1.10.1 at 814f2b7 (2025-02-02), which differs only in HEDGEDOC_VERSION: no config override. ' +
      'Plain version tags are the debian variant (alpine ones carry -alpine). Started as root, the entrypoint execs through `gosu hedgedoc` (uid 10000; adduser --system without a group, so gid 65534 nogroup). ' +
      'It chowns ./public/uploads only when CMD_IMAGE_UPLOAD_TYPE=filesystem is set explicitly, so by default (config.json is {} and HedgeDoc defaults to filesystem uploads) nothing is chowned. A database (CMD_DB_URL) is required.',
  },
];
