import type { OciImageRecord } from '../oci-image-config';

/** Docker's default PATH (set by the builder for scratch images; present in the alpine/debian/ubuntu base images). */
const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** docker-library/php 8.4/alpine3.21/cli @cabce86b (PHP 8.4.5), the base of adminer:5.0.4. */
const PHP_84_ALPINE_ENV = [
  DEFAULT_PATH,
  'PHPIZE_DEPS=autoconf \t\tdpkg-dev dpkg \t\tfile \t\tg++ \t\tgcc \t\tlibc-dev \t\tmake \t\tpkgconf \t\tre2c',
  'PHP_INI_DIR=/usr/local/etc/php',
  'PHP_CFLAGS=-fstack-protector-strong -fpic -fpie -O2 -D_LARGEFILE_SOURCE -D_FILE_OFFSET_BITS=64',
  'PHP_CPPFLAGS=-fstack-protector-strong -fpic -fpie -O2 -D_LARGEFILE_SOURCE -D_FILE_OFFSET_BITS=64',
  'PHP_LDFLAGS=-Wl,-O1 -pie',
  'GPG_KEYS=AFD8691FDAEDF03BDF6E460563F15A9B715376CA 9D7F99A0CB8F05C8A6958D6256A97AF7600A39A6 0616E93D95AF471243E26761770426E17EBBB3DD',
  'PHP_VERSION=8.4.5',
  'PHP_URL=https://www.php.net/distributions/php-8.4.5.tar.xz',
  'PHP_ASC_URL=https://www.php.net/distributions/php-8.4.5.tar.xz.asc',
  'PHP_SHA256=0d3270bbce4d9ec617befce52458b763fd461d475f1fe2ed878bb8573faed327',
];

/** docker-library/php 8.2/bookworm/apache @a0db8fca (PHP 8.2.27), the base of nextcloud:30-apache. */
const PHP_82_APACHE_ENV = [
  DEFAULT_PATH,
  'PHPIZE_DEPS=autoconf \t\tdpkg-dev \t\tfile \t\tg++ \t\tgcc \t\tlibc-dev \t\tmake \t\tpkg-config \t\tre2c',
  'PHP_INI_DIR=/usr/local/etc/php',
  'APACHE_CONFDIR=/etc/apache2',
  'APACHE_ENVVARS=/etc/apache2/envvars',
  'PHP_CFLAGS=-fstack-protector-strong -fpic -fpie -O2 -D_LARGEFILE_SOURCE -D_FILE_OFFSET_BITS=64',
  'PHP_CPPFLAGS=-fstack-protector-strong -fpic -fpie -O2 -D_LARGEFILE_SOURCE -D_FILE_OFFSET_BITS=64',
  'PHP_LDFLAGS=-Wl,-O1 -pie',
  'GPG_KEYS=39B641343D8C104B2B146DC3F9C39DC0B9698544 E60913E4DF209907D8E30D96659A97C9CF2A795A 1198C0117593497A5EC5C199286AF1F9897469DC',
  'PHP_VERSION=8.2.27',
  'PHP_URL=https://www.php.net/distributions/php-8.2.27.tar.xz',
  'PHP_ASC_URL=https://www.php.net/distributions/php-8.2.27.tar.xz.asc',
  'PHP_SHA256=3eec91294d8c09b3df80b39ec36d574ed9b05de4c8afcb25fa215d48f9ecbc6b',
];

const NPM_BASE_ENV = [
  'PATH=/opt/certbot/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt',
  'OPENRESTY_VERSION=1.25.3.2',
  'CROWDSEC_OPENRESTY_BOUNCER_VERSION=0.1.7',
  'CURL_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt',
  'SUPPRESS_NO_CONFIG_WARNING=1',
  'S6_BEHAVIOUR_IF_STAGE2_FAILS=1',
  'S6_CMD_WAIT_FOR_SERVICES_MAXTIME=0',
  'S6_FIX_ATTRS_HIDDEN=1',
  'S6_KILL_FINISH_MAXTIME=10000',
  'S6_VERBOSITY=1',
  'NODE_ENV=production',
];

const JENKINS_ENV = (version: string): string[] => [
  'PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  'LANG=C.UTF-8',
  'JENKINS_HOME=/var/jenkins_home',
  'JENKINS_SLAVE_AGENT_PORT=50000',
  'REF=/usr/share/jenkins/ref',
  `JENKINS_VERSION=${version}`,
  'JENKINS_UC=https://updates.jenkins.io',
  'JENKINS_UC_EXPERIMENTAL=https://updates.jenkins.io/experimental',
  'JENKINS_INCREMENTALS_REPO_MIRROR=https://repo.jenkins-ci.org/incrementals',
  'COPY_REFERENCE_FILE_LOG=/var/jenkins_home/copy_reference_file.log',
  'JAVA_HOME=/opt/java/openjdk',
];

const COUCHDB_ENV = (version: string): string[] => [
  DEFAULT_PATH,
  'GPG_COUCH_KEY=390EF70BB1EA12B2773962950EE62FB37A00258D',
  `COUCHDB_VERSION=${version}`,
];

const INFLUXDB_ENV = (version: string): string[] => [
  DEFAULT_PATH,
  'GOSU_VER=1.16',
  `INFLUXDB_VERSION=${version}`,
  'INFLUX_CLI_VERSION=2.7.5',
  'INFLUX_CONFIGS_PATH=/etc/influxdb2/influx-configs',
  'INFLUXD_INIT_PORT=9999',
  'INFLUXD_INIT_PING_ATTEMPTS=600',
  'DOCKER_INFLUXDB_INIT_CLI_CONFIG_NAME=default',
];

const MARIADB_ENV = (debVersion: string): string[] => [
  DEFAULT_PATH,
  'GOSU_VERSION=1.17',
  'LANG=C.UTF-8',
  `MARIADB_VERSION=${debVersion}`,
];

const MONGO_ENV = (version: string): string[] => [
  DEFAULT_PATH,
  'GOSU_VERSION=1.17',
  'JSYAML_VERSION=3.13.1',
  'JSYAML_CHECKSUM=662e32319bdd378e91f67578e56a34954b0a2e33aca11d70ab9f4826af24b941',
  'MONGO_PACKAGE=mongodb-org',
  'MONGO_REPO=repo.mongodb.org',
  'MONGO_MAJOR=8.0',
  `MONGO_VERSION=${version}`,
  'HOME=/data/db',
];

const NEXTCLOUD_ENV_TAIL = ['PHP_MEMORY_LIMIT=512M', 'PHP_UPLOAD_LIMIT=512M'];

const NGINX_ENV = (nginx: string, njs: string): string[] => [
  DEFAULT_PATH,
  `NGINX_VERSION=${nginx}`,
  `NJS_VERSION=${njs}`,
  'NJS_RELEASE=1~bookworm',
  'PKG_RELEASE=1~bookworm',
  'DYNPKG_RELEASE=1~bookworm',
];

/** Image configurations read from upstream sources (see each record's `source`). */
export const IMAGE_CONFIGS_B: readonly OciImageRecord[] = [
  {
    repository: 'docker.io/grafana/grafana',
    tag: '11.4.0',
    source: {
      repo: 'https://github.com/grafana/grafana',
      ref: 'v11.4.0',
      dockerfile: 'Dockerfile (final stage, BASE_IMAGE=alpine:3.20 default) <- alpine (docker-library/alpine); packaging/docker/run.sh',
    },
    config: {
      Env: [
        'PATH=/usr/share/grafana/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'GF_PATHS_CONFIG=/etc/grafana/grafana.ini',
        'GF_PATHS_DATA=/var/lib/grafana',
        'GF_PATHS_HOME=/usr/share/grafana',
        'GF_PATHS_LOGS=/var/log/grafana',
        'GF_PATHS_PLUGINS=/var/lib/grafana/plugins',
        'GF_PATHS_PROVISIONING=/etc/grafana/provisioning',
      ],
      Entrypoint: ['/run.sh'],
      Cmd: [],
      User: '472',
      WorkingDir: '/usr/share/grafana',
      Volumes: [],
      ExposedPorts: ['3000/tcp'],
    },
    data: { writes: ['/var/lib/grafana', '/var/log/grafana'], userUid: 472, userGid: 0 },
    notes:
      'grafana/grafana is 3.2 GB and could not be fetched; the Dockerfile was read from the search index at a later commit (v12-era: alpine:3.21, go 1.24). ' +
      'Its final stage (ARG GF_UID=472 / GF_GID=0, ENV PATH="/usr/share/grafana/bin:$PATH" + GF_PATHS_*, WORKDIR $GF_PATHS_HOME, EXPOSE 3000, USER "$GF_UID", ENTRYPOINT ["/run.sh"], no VOLUME) ' +
      'is the same shape as the v11.x file, so the config is inferred rather than read at v11.4.0. The published image is built by the release pipeline passing a GRAFANA_TGZ and an alpine BASE_IMAGE (exact alpine patch version unverified; it only changes layers, not config). ' +
      'gid 0: GF_GID=0 already exists (root group), so grafana (uid 472) is added to group root. run.sh does not drop privileges. Logs go to /var/log/grafana because defaults.ini has [log] mode = console file. ' +
      '11.4.1: no config difference known (inferred, same Dockerfile lineage).',
  },
  {
    repository: 'docker.io/grafana/loki',
    tag: '3.3.2',
    source: {
      repo: 'https://github.com/grafana/loki',
      ref: 'v3.3.2',
      dockerfile:
        'cmd/loki/Dockerfile (built by .github/workflows/images.yml as release/cmd/loki/Dockerfile) <- gcr.io/distroless/static:debug (GoogleContainerTools/distroless base/base.bzl)',
    },
    config: {
      Env: [
        'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/busybox',
        'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt',
      ],
      Entrypoint: ['/usr/bin/loki'],
      Cmd: ['-config.file=/etc/loki/local-config.yaml'],
      User: '10001',
      WorkingDir: '/',
      Volumes: [],
      ExposedPorts: ['3100/tcp'],
    },
    data: { writes: ['/loki'], userUid: 10001, userGid: 10001 },
    notes:
      'Env/WorkingDir come from distroless static:debug (static: PATH + SSL_CERT_FILE, user 0, workdir "/"; debug adds :/busybox to PATH and ENTRYPOINT ["/busybox/sh"], which Loki replaces). ' +
      'User created by `addgroup -g 10001 -S loki && adduser -u 10001 -S loki -G loki`; /loki and /etc/loki are chowned to it at build time. ' +
      'loki-docker-config.yaml uses path_prefix /loki (chunks, rules, tsdb index). 3.3.3: Dockerfile only adds a build-stage ARG IMAGE_TAG; config identical.',
  },
  {
    repository: 'docker.io/henrygd/beszel',
    tag: '0.9.1',
    source: {
      repo: 'https://github.com/henrygd/beszel',
      ref: 'v0.9.1',
      dockerfile: 'beszel/dockerfile_Hub (per .github/workflows/docker-images.yml) <- scratch',
    },
    config: {
      Env: [DEFAULT_PATH],
      Entrypoint: ['/beszel'],
      Cmd: ['serve', '--http=0.0.0.0:8090'],
      User: '',
      WorkingDir: '/',
      Volumes: [],
      ExposedPorts: ['8090/tcp'],
    },
    data: { writes: ['/beszel_data'] },
    notes:
      'FROM scratch: BuildKit gives the empty image Env PATH=<default> and WorkingDir "/" (dockerfile2llb emptyImage). ' +
      'The hub (PocketBase) uses DefaultDataDir "beszel_data", relative to the working dir, i.e. /beszel_data (the project compose file mounts ./beszel_data:/beszel_data); it also writes id_ed25519 there. Runs as root. ' +
      '0.10.0: dockerfile_Hub unchanged (workflow only adds ghcr.io targets); config identical.',
  },
  {
    repository: 'docker.io/jc21/nginx-proxy-manager',
    tag: '2.12.1',
    source: {
      repo: 'https://github.com/NginxProxyManager/nginx-proxy-manager',
      ref: 'v2.12.1',
      dockerfile:
        'docker/Dockerfile (scripts/buildx via Jenkinsfile) <- nginxproxymanager/nginx-full:certbot-node (NginxProxyManager/docker-nginx-full @78572cc: docker/Dockerfile.certbot-node <- Dockerfile.certbot <- Dockerfile) <- debian:bookworm-slim; s6-overlay 3.1.5.0 via docker/scripts/install-s6',
    },
    config: {
      Env: [
        ...NPM_BASE_ENV,
        'NPM_BUILD_VERSION=2.12.1',
        'NPM_BUILD_COMMIT=5084cb72',
        "NPM_BUILD_DATE=<build time: date '+%Y-%m-%d %T %Z'>",
        'NODE_OPTIONS=--openssl-legacy-provider',
      ],
      Entrypoint: ['/init'],
      Cmd: [],
      User: '',
      WorkingDir: '/app',
      Volumes: ['/data'],
      ExposedPorts: ['80/tcp', '81/tcp', '443/tcp'],
    },
    data: { writes: ['/data', '/etc/letsencrypt'], dropsToUid: 0, fixesOwnership: true },
    tagOverrides: {
      '2.12.2': {
        Env: [
          ...NPM_BASE_ENV,
          'NPM_BUILD_VERSION=2.12.2',
          'NPM_BUILD_COMMIT=b4f49969',
          "NPM_BUILD_DATE=<build time: date '+%Y-%m-%d %T %Z'>",
          'NODE_OPTIONS=--openssl-legacy-provider',
        ],
      },
    },
    notes:
      'Base env: nginx-full sets SSL_CERT_FILE, OPENRESTY_VERSION, CROWDSEC_OPENRESTY_BOUNCER_VERSION (values from its Jenkinsfile: 1.25.3.2 / 0.1.7, unchanged Sep 2024 - Feb 2025); certbot prepends /opt/certbot/bin to PATH (PATH keeps its first position); certbot-node adds CURL_CA_BUNDLE. ' +
      'NPM_BUILD_COMMIT is `git log -n 1 --format=%h` on the built master commit: I give the short hash of the tag commit with the 8-char abbreviation git uses for this repo size (unverified). NPM_BUILD_DATE is `date` at build time and cannot be resolved. ' +
      'Starts as root (00-all.sh refuses a non-root user). PUID/PGID default to 0 (usr/bin/common.sh), so by default everything keeps running as uid 0; with PUID set, prepare/30-ownership.sh chowns -R /data, /etc/letsencrypt, /run/nginx, /tmp/nginx, /var/cache/nginx, /var/lib/nginx, /var/log/nginx etc. to PUID:PGID before backend/nginx are started with s6-setuidgid PUID:PGID. ' +
      '20-paths.sh exits if /data or /etc/letsencrypt is missing (the image creates neither as a VOLUME except /data; /etc/letsencrypt comes from certbot). Image tags on Docker Hub have no "v" prefix; the git tags do. ' +
      '2.12.2: only NPM_BUILD_* values differ.',
  },
  {
    repository: 'docker.io/jellyfin/jellyfin',
    tag: '10.10.3',
    source: {
      repo: 'https://github.com/jellyfin/jellyfin-packaging',
      ref: 'v10.10.3-202411182238',
      dockerfile: 'docker/Dockerfile (combined stage) <- debian:bookworm-slim',
    },
    config: {
      Env: [
        DEFAULT_PATH,
        'HEALTHCHECK_URL=http://localhost:8096/health',
        'DEBIAN_FRONTEND=noninteractive',
        'LC_ALL=en_US.UTF-8',
        'LANG=en_US.UTF-8',
        'LANGUAGE=en_US:en',
        'JELLYFIN_DATA_DIR=/config',
        'JELLYFIN_CACHE_DIR=/cache',
        'JELLYFIN_CONFIG_DIR=/config/config',
        'JELLYFIN_LOG_DIR=/config/log',
        'JELLYFIN_WEB_DIR=/jellyfin/jellyfin-web',
        'JELLYFIN_FFMPEG=/usr/lib/jellyfin-ffmpeg/ffmpeg',
        'XDG_CACHE_HOME=/cache',
        'MALLOC_TRIM_THRESHOLD_=131072',
        'NVIDIA_VISIBLE_DEVICES=all',
        'NVIDIA_DRIVER_CAPABILITIES=compute,video,utility',
      ],
      Entrypoint: ['/jellyfin/jellyfin'],
      Cmd: [],
      User: '',
      WorkingDir: '',
      Volumes: ['/config', '/cache'],
      ExposedPorts: ['8096/tcp'],
    },
    data: { writes: ['/config', '/cache'] },
    notes:
      'Images are built from jellyfin/jellyfin-packaging, whose tags carry a build timestamp (v10.10.3-202411182238, v10.10.4-202501212120). ' +
      'debian CMD ["bash"] is reset by ENTRYPOINT. The image also has a HEALTHCHECK (curl $HEALTHCHECK_URL). Runs as root; /config and /cache are chmod 777 at build. ' +
      '10.10.4: only the Intel compute-runtime ARGs changed; config identical.',
  },
  {
    repository: 'docker.io/jenkins/jenkins',
    tag: '2.479.2-lts-jdk17',
    source: {
      repo: 'https://github.com/jenkinsci/docker',
      ref: '2.479.2',
      dockerfile:
        'debian/bookworm/hotspot/Dockerfile (docker-bake.hcl target debian_jdk17, JAVA_VERSION 17.0.13_11, BOOKWORM_TAG 20241111) <- debian:bookworm-20241111',
    },
    config: {
      Env: JENKINS_ENV('2.479.2'),
      Entrypoint: ['/usr/bin/tini', '--', '/usr/local/bin/jenkins.sh'],
      Cmd: [],
      User: 'jenkins',
      WorkingDir: '',
      Volumes: ['/var/jenkins_home'],
      ExposedPorts: ['8080/tcp', '50000/tcp'],
    },
    data: { writes: ['/var/jenkins_home'], userUid: 1000, userGid: 1000 },
    tagOverrides: { '2.479.3-lts-jdk17': { Env: JENKINS_ENV('2.479.3') } },
    notes:
      'JENKINS_VERSION comes from the build arg set by .ci/publish.sh (the release version). PATH is prefixed with ${JAVA_HOME}/bin in place. ' +
      'User from `groupadd -g 1000 jenkins && useradd -u 1000 -g 1000 jenkins`. 2.479.3: only BOOKWORM_TAG (20241223) and JENKINS_VERSION differ.',
  },
  {
    repository: 'docker.io/jgraph/drawio',
    tag: '24.7.17',
    source: {
      repo: 'https://github.com/jgraph/docker-drawio',
      ref: 'dev @79b39d8 (2023-07-25; main/Dockerfile unchanged through 2024-12-29)',
      dockerfile:
        'main/Dockerfile <- tomcat:9-jre11 (docker-library/tomcat 9.0/jre11/temurin-noble @93276bf, Tomcat 9.0.96) <- eclipse-temurin:11-jre-noble (adoptium/containers 11/jre/ubuntu/noble) <- ubuntu:24.04',
    },
    config: {
      Env: [
        'PATH=/usr/local/tomcat/bin:/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'JAVA_HOME=/opt/java/openjdk',
        'LANG=en_US.UTF-8',
        'LANGUAGE=en_US:en',
        'LC_ALL=en_US.UTF-8',
        'JAVA_VERSION=jdk-11.0.25+9',
        'CATALINA_HOME=/usr/local/tomcat',
        'TOMCAT_NATIVE_LIBDIR=/usr/local/tomcat/native-jni-lib',
        'LD_LIBRARY_PATH=/usr/local/tomcat/native-jni-lib',
        'GPG_KEYS=48F8E69F6390C9F25CFEDCD268248959359E722B A9C5DF4D22E99998D9875A5110C01C5A2F6059E7 DCFD35E0BF8CA7344752DE8B6FB21E8933C60243',
        'TOMCAT_MAJOR=9',
        'TOMCAT_VERSION=9.0.96',
        'TOMCAT_SHA512=ef3ac81debbc3a519c43d1fdb1c88ab26a8052af424d81bceccfbd6e663050a06d7aad7960fd5d11c17849829daebbebf33d92ac1158902283d0e534514aab93',
        'RUN_USER=tomcat',
        'RUN_GROUP=tomcat',
      ],
      Entrypoint: ['/docker-entrypoint.sh'],
      Cmd: ['catalina.sh', 'run'],
      User: 'tomcat',
      WorkingDir: '/usr/local/tomcat',
      Volumes: [],
      ExposedPorts: ['8080/tcp', '8443/tcp'],
    },
    data: { writes: ['/usr/local/tomcat'], userUid: 1001, userGid: 999 },
    notes:
      'The stored jgraph/docker-drawio snapshot stops in 2020 and has no 24.x tags; the Dockerfile was read from a fork (nicholas-fedor/docker-drawio) that merged jgraph:dev on 2025-01-02: main/Dockerfile last changed upstream 2023-07-25, so it is the file used for 24.7.17. ' +
      'The repo has no per-version tags: CI builds main/ with the current drawio master VERSION and pushes jgraph/drawio:<VERSION> (a weekly cron rebuild re-pushes the latest version). ' +
      'Base is the floating tomcat:9-jre11 tag, so JAVA_VERSION / TOMCAT_VERSION / TOMCAT_SHA512 depend on the build day: the values given are tomcat 9.0.96 on temurin 11.0.25+9 (current 2024-10-23..11-11), inferred for an Oct-2024 build. ' +
      'User: `groupadd -r tomcat && useradd -g tomcat tomcat` on ubuntu 24.04, which already has ubuntu:1000, so uid 1001 / gid 999 (inferred, not read from a passwd file). ' +
      'Entrypoint writes webapps/draw/js/PreConfig.js, PostConfig.js, conf/server.xml and a self-signed $CATALINA_HOME/.keystore at every start (no data volume; stateless). ' +
      'I could not confirm that a 24.7.18 build was ever pushed; if it was, its config is identical apart from possibly newer tomcat/JDK version env values.',
  },
  {
    repository: 'docker.io/kanboard/kanboard',
    tag: 'v1.2.42',
    source: {
      repo: 'https://github.com/kanboard/kanboard',
      ref: 'v1.2.42',
      dockerfile: 'Dockerfile <- alpine:3.20; docker/usr/local/bin/entrypoint.sh, docker/etc/services.d/*',
    },
    config: {
      Env: [DEFAULT_PATH],
      Entrypoint: ['/usr/local/bin/entrypoint.sh'],
      Cmd: [],
      User: '',
      WorkingDir: '',
      Volumes: ['/var/www/app/data', '/var/www/app/plugins', '/etc/nginx/ssl'],
      ExposedPorts: ['80/tcp', '443/tcp'],
    },
    data: {
      writes: ['/var/www/app/data', '/var/www/app/plugins', '/etc/nginx/ssl'],
      dropsToUid: 100,
      fixesOwnership: true,
    },
    notes:
      'Starts as root: entrypoint.sh creates a self-signed cert in /etc/nginx/ssl if missing, `chown -R nginx:nginx` data and plugins, then execs s6-svscan; php-fpm83 workers (user/group nginx) and nginx workers write the data. ' +
      'nginx uid/gid come from the Alpine nginx package pre-install (`addgroup -S nginx; adduser -S ... -G nginx nginx`) on alpine 3.20 -> uid 100, gid 101 (inferred from Alpine system-id allocation, not read from the image). ' +
      'v1.2.43: FROM alpine:3.21 and s6-svscan path /usr/bin; config identical.',
  },
  {
    repository: 'docker.io/koenkk/zigbee2mqtt',
    tag: '1.41.0',
    source: {
      repo: 'https://github.com/Koenkk/zigbee2mqtt',
      ref: '1.41.0',
      dockerfile: 'docker/Dockerfile (release stage; .github/workflows/ci.yml) <- alpine:3.18.4; docker/docker-entrypoint.sh',
    },
    config: {
      Env: [DEFAULT_PATH, 'NODE_ENV=production'],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['/sbin/tini', '--', 'node', 'index.js'],
      User: '',
      WorkingDir: '/app',
      Volumes: [],
      ExposedPorts: [],
    },
    data: { writes: ['/app/data'] },
    notes:
      'Base is plain alpine:3.18.4 with apk nodejs (not the node image). WORKDIR /app is set in the shared base stage. ' +
      'Entrypoint copies configuration.example.yaml to $ZIGBEE2MQTT_DATA (default /app/data)/configuration.yaml if absent; runs as root, no privilege drop. No VOLUME/EXPOSE (frontend port 8080 only if configured). ' +
      '1.42.0: docker/ unchanged; config identical.',
  },
  {
    repository: 'docker.io/library/adminer',
    tag: '4.8.1',
    source: {
      repo: 'https://github.com/TimWolla/docker-adminer',
      ref: 'c9c54b18f79a66409a3153a94f629ea68f08647c (branch debian-packages)',
      dockerfile: '4/Dockerfile <- debian:bullseye; 4/entrypoint.sh',
    },
    config: {
      Env: [
        DEFAULT_PATH,
        'ADMINER_VERSION=4.8.1',
        'ADMINER_DOWNLOAD_SHA256=2fd7e6d8f987b243ab1839249551f62adce19704c47d3d0c8dd9e57ea5b9c6b3',
        'ADMINER_COMMIT=1f173e18bdf0be29182e0d67989df56eadea4754',
      ],
      Entrypoint: ['entrypoint.sh'],
      Cmd: ['php', '-S', '[::]:8080', '-t', '/var/www/html'],
      User: 'adminer',
      WorkingDir: '/var/www/html',
      Volumes: [],
      ExposedPorts: ['8080/tcp'],
      StopSignal: 'SIGINT',
    },
    data: { writes: ['/var/www/html'], userUid: 999, userGid: 999 },
    tagOverrides: {
      '5.0.4': {
        Env: [
          ...PHP_84_ALPINE_ENV,
          'ADMINER_VERSION=5.0.4',
          'ADMINER_DOWNLOAD_SHA256=17db04e2cf823fd6e2fecb6a0f1c1a0b119aaa6957e8ee254385a699c1a7abc9',
          'ADMINER_SRC_DOWNLOAD_SHA256=96c71b7f7b6e7b31ff0b6bd3827c70040609668917e95d86735e1ecba1c519b8',
        ],
        Entrypoint: ['entrypoint.sh', 'docker-php-entrypoint'],
      },
    },
    notes:
      'Official image (official-images library/adminer; GitRepo TimWolla/docker-adminer). The last 4.8.1 build (library/adminer @e7e4dfc2ec, 2023-01-06) used commit c9c54b1 on the debian-packages branch: debian:bullseye + Debian php7.4 packages (earlier 4.8.1 builds in 2021-22 were php:7.4-alpine based). ' +
      'The image was deprecated in 2024-07 (library file emptied) and revived with 4.17.1/5.x in 2025-02/03, so 4.8.1 is still pullable but no longer rebuilt. ' +
      '4.8.1 user: `groupadd -r adminer && useradd -r -g adminer adminer` on bullseye -> 999:999 (inferred). ' +
      '5.0.4 (library/adminer @49155fa943, commit 3718dc2, dir 5/): FROM php:8.4-alpine, same Cmd/User/WorkingDir/ports/StopSignal; adminer user from `addgroup -S adminer && adduser -S -G adminer adminer` -> uid 100, gid 101 on Alpine (inferred). ' +
      'The 5.0.4 Env assumes the final rebuild on PHP 8.4.5 (php:8.4-alpine moved to 8.4.5 on 2025-03-13, a day after 5.0.4 was added; 5.0.5 replaced it 2025-03-16); a build from 03-12 would carry PHP 8.4.4 values. ' +
      'Entrypoint only links designs/plugins and touches .adminer-init in /var/www/html (stateless).',
  },
  {
    repository: 'docker.io/library/caddy',
    tag: '2.9.0',
    source: {
      repo: 'https://github.com/caddyserver/caddy-docker',
      ref: 'bcbe8e419506954462fe5e771ed8878ba335a9d5 (Caddy v2.9.1)',
      dockerfile: '2.9/alpine/Dockerfile <- alpine:3.20',
    },
    config: {
      Env: [DEFAULT_PATH, 'CADDY_VERSION=v2.9.1', 'XDG_CONFIG_HOME=/config', 'XDG_DATA_HOME=/data'],
      Entrypoint: [],
      Cmd: ['caddy', 'run', '--config', '/etc/caddy/Caddyfile', '--adapter', 'caddyfile'],
      User: '',
      WorkingDir: '/srv',
      Volumes: [],
      ExposedPorts: ['80/tcp', '443/tcp', '443/udp', '2019/tcp'],
    },
    data: { writes: ['/config', '/data'] },
    notes:
      'caddy:2.9.0 was never published as an official image: library/caddy went from v2.9.0-beta.3 (2024-11-05) straight to v2.9.1 (2025-01-08, caddy-docker bcbe8e4); caddy-docker has no 2.9.0 commit. ' +
      'This record is filled from the 2.9.1 Dockerfile (nearest published source), so CADDY_VERSION reads v2.9.1; a real 2.9.0 build would differ only there. ' +
      'No VOLUME in the Dockerfile; Caddy writes certificates/state to $XDG_DATA_HOME/caddy (/data/caddy) and autosave config to $XDG_CONFIG_HOME/caddy (/config/caddy). Runs as root (binary has cap_net_bind_service).',
  },
  {
    repository: 'docker.io/library/couchdb',
    tag: '3.4.2',
    source: {
      repo: 'https://github.com/apache/couchdb-docker',
      ref: '734c61f2a9421637ff58be225665477be52dd4b7',
      dockerfile: '3.4.2/Dockerfile <- debian:bookworm-slim; 3.4.2/docker-entrypoint.sh',
    },
    config: {
      Env: COUCHDB_ENV('3.4.2'),
      Entrypoint: ['tini', '--', '/docker-entrypoint.sh'],
      Cmd: ['/opt/couchdb/bin/couchdb'],
      User: '',
      WorkingDir: '',
      Volumes: ['/opt/couchdb/data'],
      ExposedPorts: ['4369/tcp', '5984/tcp', '9100/tcp'],
    },
    data: { writes: ['/opt/couchdb/data', '/opt/couchdb/etc/local.d'], dropsToUid: 5984, fixesOwnership: true },
    tagOverrides: { '3.4.3': { Env: COUCHDB_ENV('3.4.3') } },
    notes:
      'library/couchdb @08802bf284 (3.4.2) / @443da33e56 (3.4.3, couchdb-docker 8a7dfc1, dir 3.4.3). couchdb user: `groupadd -g 5984 -r couchdb && useradd -u 5984 -g couchdb couchdb`. ' +
      'As root the entrypoint chowns everything under /opt/couchdb not owned by couchdb (find ... -exec chown), fixes data/etc modes, then `setpriv --reuid=couchdb --regid=couchdb`. ' +
      'It exits unless an admin is configured (COUCHDB_USER/COUCHDB_PASSWORD or an ini file). 3.4.3: only COUCHDB_VERSION differs.',
  },
  {
    repository: 'docker.io/library/eclipse-mosquitto',
    tag: '2.0.20',
    source: {
      repo: 'https://github.com/eclipse/mosquitto',
      ref: 'fb9b1153924ae0e2dfb3bcb4266ee5bb49a5c515',
      dockerfile: 'docker/2.0-openssl/Dockerfile <- alpine:3.20; docker/2.0-openssl/docker-entrypoint.sh',
    },
    config: {
      Env: [
        DEFAULT_PATH,
        'VERSION=2.0.20',
        'DOWNLOAD_SHA256=ebd07d89d2a446a7f74100ad51272e4a8bf300b61634a7812e19f068f2759de8',
        'GPG_KEYS=A0D6EEA1DCAE49A635A3B2F0779B22DFB3E717B7',
        'LWS_VERSION=4.2.1',
        'LWS_SHA256=842da21f73ccba2be59e680de10a8cce7928313048750eb6ad73b6fa50763c51',
      ],
      Entrypoint: ['/docker-entrypoint.sh'],
      Cmd: ['/usr/sbin/mosquitto', '-c', '/mosquitto/config/mosquitto.conf'],
      User: '',
      WorkingDir: '',
      Volumes: ['/mosquitto/data', '/mosquitto/log'],
      ExposedPorts: ['1883/tcp'],
    },
    data: { writes: ['/mosquitto/data', '/mosquitto/log'], dropsToUid: 1883, fixesOwnership: true },
    tagOverrides: {
      '2.0.21': {
        Env: [
          DEFAULT_PATH,
          'VERSION=2.0.21',
          'DOWNLOAD_SHA256=7ad5e84caeb8d2bb6ed0c04614b2a7042def961af82d87f688ba33db857b899d',
          'GPG_KEYS=A0D6EEA1DCAE49A635A3B2F0779B22DFB3E717B7',
          'LWS_VERSION=4.2.1',
          'LWS_SHA256=842da21f73ccba2be59e680de10a8cce7928313048750eb6ad73b6fa50763c51',
        ],
      },
    },
    notes:
      'library/eclipse-mosquitto @d65fca2f13 (2.0.20, commit fb9b115) and @44fc151041..0a0a89078d (2.0.21, commit 2c671de, read from eclipse-mosquitto/mosquitto, the repo\'s new home). ' +
      'mosquitto user from `addgroup -S -g 1883 mosquitto; adduser -S -u 1883 ... -G mosquitto mosquitto`. The entrypoint (as root) does `chown -R mosquitto:mosquitto /mosquitto`; the broker itself then drops to the `mosquitto` user (its default `user` option), not the entrypoint. ' +
      'With the stock mosquitto.conf nothing is persisted and only a loopback listener is opened; /mosquitto/data and /mosquitto/log are written once persistence/log_dest file are configured. 2.0.21: FROM alpine:3.21, adds tzdata; only VERSION/DOWNLOAD_SHA256 differ in config.',
  },
  {
    repository: 'docker.io/library/influxdb',
    tag: '2.7.11',
    source: {
      repo: 'https://github.com/influxdata/influxdata-docker',
      ref: 'e15ac5b4cdfdc6effe2da373fd8963d04c1cd583',
      dockerfile: 'influxdb/2.7/Dockerfile <- debian:bookworm-slim; influxdb/2.7/entrypoint.sh',
    },
    config: {
      Env: INFLUXDB_ENV('2.7.11'),
      Entrypoint: ['/entrypoint.sh'],
      Cmd: ['influxd'],
      User: '',
      WorkingDir: '',
      Volumes: ['/var/lib/influxdb2', '/etc/influxdb2'],
      ExposedPorts: ['8086/tcp'],
    },
    data: { writes: ['/var/lib/influxdb2', '/etc/influxdb2'], dropsToUid: 1000, fixesOwnership: true },
    tagOverrides: { '2.7.12': { Env: INFLUXDB_ENV('2.7.12') } },
    notes:
      'library/influxdb @dbf7e4f9ba..02c4cd9698 (2.7.11: commits e15ac5b, later a757de4 with no 2.7 change) and @6a183a7457.. (2.7.12: 25b7523; a later rebuild 1d9bc39 only changed dasel/GPG key, no config change). ' +
      'influxdb user: `groupadd -r influxdb --gid=1000 && useradd -r -g influxdb --uid=1000`. As root the entrypoint chowns (owner only: `find ... ! -user influxdb -exec chown influxdb`) the bolt dir, engine path and /etc/influxdb2, then re-execs itself with `gosu influxdb`. ' +
      '2.7.12: only INFLUXDB_VERSION differs.',
  },
  {
    repository: 'docker.io/library/mariadb',
    tag: '11.4.4',
    source: {
      repo: 'https://github.com/MariaDB/mariadb-docker',
      ref: '64252135052f269ed2bb57134ad73537e93b7ab6',
      dockerfile: '11.4/Dockerfile <- ubuntu:noble; 11.4/docker-entrypoint.sh',
    },
    config: {
      Env: MARIADB_ENV('1:11.4.4+maria~ubu2404'),
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['mariadbd'],
      User: '',
      WorkingDir: '',
      Volumes: ['/var/lib/mysql'],
      ExposedPorts: ['3306/tcp'],
    },
    data: { writes: ['/var/lib/mysql'], dropsToUid: 999, fixesOwnership: true },
    tagOverrides: { '11.4.5': { Env: MARIADB_ENV('1:11.4.5+maria~ubu2404') } },
    notes:
      'library/mariadb @bd4971da21..b00b516453 (11.4.4) and @af44204e2f..cffc7eb919 (11.4.5, commit 3bfeae4). MARIADB_VERSION is ENV from ARG default. ' +
      'mysql user: `groupadd -r mysql && useradd -r -g mysql mysql` after removing ubuntu -> 999:999 (the usual value; inferred from allocation). ' +
      'As root the entrypoint chowns $DATADIR entries not owned by mysql (and the socket dir) then `exec gosu mysql`. 11.4.5: only MARIADB_VERSION differs.',
  },
  {
    repository: 'docker.io/library/mongo',
    tag: '8.0.4',
    source: {
      repo: 'https://github.com/docker-library/mongo',
      ref: '3eed4008b42e739dc9ed4234d3da682462ffdc9c',
      dockerfile: '8.0/Dockerfile <- ubuntu:noble; 8.0/docker-entrypoint.sh',
    },
    config: {
      Env: MONGO_ENV('8.0.4'),
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['mongod'],
      User: '',
      WorkingDir: '',
      Volumes: ['/data/db', '/data/configdb'],
      ExposedPorts: ['27017/tcp'],
    },
    data: { writes: ['/data/db', '/data/configdb'], dropsToUid: 999, fixesOwnership: true },
    tagOverrides: { '8.0.5': { Env: [...MONGO_ENV('8.0.5'), 'GLIBC_TUNABLES=glibc.pthread.rseq=0'] } },
    notes:
      'library/mongo @ba7d0ba06c..025264ecc2 (8.0.4, commit 3eed400 throughout) and @4407d3bbb2..de9a956491 (8.0.5: first ce02407 without, last 7bf2228 (2025-03-14 "Enable tcmalloc per-cpu caches") with ENV GLIBC_TUNABLES; the override shows the final build). ' +
      'mongodb user: `groupadd --gid 999 --system mongodb; useradd --uid 999 --system --gid mongodb`. As root the entrypoint chowns /data/configdb and /data/db entries not owned by mongodb, then `exec gosu mongodb`.',
  },
  {
    repository: 'docker.io/library/nextcloud',
    tag: '30.0.4-apache',
    source: {
      repo: 'https://github.com/nextcloud/docker',
      ref: 'f4138903323bfb04326373804ea3dbbd4ffe94e4',
      dockerfile: '30/apache/Dockerfile <- php:8.2-apache-bookworm (docker-library/php 8.2/bookworm/apache @a0db8fc, PHP 8.2.27) <- debian:bookworm-slim; 30/apache/entrypoint.sh',
    },
    config: {
      Env: [...PHP_82_APACHE_ENV, ...NEXTCLOUD_ENV_TAIL, 'APACHE_BODY_LIMIT=1073741824', 'NEXTCLOUD_VERSION=30.0.4'],
      Entrypoint: ['/entrypoint.sh'],
      Cmd: ['apache2-foreground'],
      User: '',
      WorkingDir: '/var/www/html',
      Volumes: ['/var/www/html'],
      ExposedPorts: ['80/tcp'],
      StopSignal: 'SIGWINCH',
    },
    data: { writes: ['/var/www/html'], dropsToUid: 33, fixesOwnership: true },
    tagOverrides: {
      '30.0.5-apache': {
        Env: [
          ...PHP_82_APACHE_ENV,
          ...NEXTCLOUD_ENV_TAIL,
          'PHP_OPCACHE_MEMORY_CONSUMPTION=128',
          'APACHE_BODY_LIMIT=1073741824',
          'NEXTCLOUD_VERSION=30.0.5',
        ],
      },
    },
    notes:
      'library/nextcloud @0f13fc91d4 (30.0.4, commit f413890) and @e53f9f39cc (30.0.5, commit a43854a). STOPSIGNAL, WORKDIR, EXPOSE and ENTRYPOINT docker-php-entrypoint come from php:apache; Nextcloud replaces ENTRYPOINT and re-sets CMD. ' +
      'PHP version is the base current when the tag was last rebuilt: 30.0.4 was added 2024-12-12 on PHP 8.2.26 and php:8.2-apache moved to 8.2.27 on 2024-12-19 (rebuild assumed); 30.0.5 (2025-01-17) is 8.2.27. ' +
      'Starts as root; apache workers and occ (run_as -> su www-data) run as www-data (33:33). On install/upgrade the entrypoint rsyncs /usr/src/nextcloud into /var/www/html with `--chown www-data:www-data`; it does not chown an existing data dir. ' +
      '30.0.5 adds ENV PHP_OPCACHE_MEMORY_CONSUMPTION=128 (after PHP_UPLOAD_LIMIT) and NEXTCLOUD_VERSION=30.0.5.',
  },
  {
    repository: 'docker.io/library/nginx',
    tag: '1.27.3',
    source: {
      repo: 'https://github.com/nginxinc/docker-nginx',
      ref: 'd21b4f2d90a1abb712a610678872e804267f4815',
      dockerfile: 'mainline/debian/Dockerfile <- debian:bookworm-slim; entrypoint/docker-entrypoint.sh',
    },
    config: {
      Env: NGINX_ENV('1.27.3', '0.8.7'),
      Entrypoint: ['/docker-entrypoint.sh'],
      Cmd: ['nginx', '-g', 'daemon off;'],
      User: '',
      WorkingDir: '',
      Volumes: [],
      ExposedPorts: ['80/tcp'],
      StopSignal: 'SIGQUIT',
    },
    data: { writes: ['/var/cache/nginx', '/var/run'], dropsToUid: 101, fixesOwnership: false },
    tagOverrides: {
      '1.27.4': { Env: NGINX_ENV('1.27.4', '0.8.9') },
      '1.27.5': { Env: NGINX_ENV('1.27.5', '0.8.10') },
    },
    notes:
      'library/nginx @0528f9834c..21b93460d4 (1.27.3, commit d21b4f2), @ccfb52a120 (1.27.4, commit cffeb93), @6dce4fb259..e9ef302b61 (1.27.5, commit eaf8875, GitRepo renamed to github.com/nginx/docker-nginx). ' +
      'nginx user: `groupadd --system --gid 101 nginx; useradd --system --gid nginx --uid 101 nginx`. The master runs as root; workers run as nginx (101) via `user nginx;` in nginx.conf - the drop is done by nginx, not the entrypoint, and the entrypoint chowns nothing (nginx itself creates its /var/cache/nginx temp dirs for the worker user). ' +
      'The entrypoint scripts may rewrite /etc/nginx/conf.d/default.conf (IPv6 listen) and render /etc/nginx/templates into /etc/nginx/conf.d when writable. Only NGINX_VERSION/NJS_VERSION differ between the tags.',
  },
];
