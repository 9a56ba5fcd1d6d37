import type { ImageRuntimeConfig } from '../images/image-configs';
import { parsePropertyString, printPropertyString } from '../params/property-string';
import type { ConfigMap } from '../state/container-config';
import type { ContainerFeatures } from '../state/container-features';
import { NET_KEY_ORDER } from './lxc-net';

/**
 * `String::ShellQuote::shell_quote`, which pve-common's `PVE::Cmd::to_string` (`cmd2string`)
 * applies to each word: safe words stay bare, others are single-quoted (`'` as `'\''`).
 */
export function shellQuote(word: string): string {
  if (word === '') return "''";
  if (!/[^\w!%+,\-./:=@^]/.test(word)) return word;
  return `'${word.replace(/'/g, "'\\''")}'`.replace(/^''/, '').replace(/''$/, '');
}

/** `PVE::Tools::cmd2string`: the words shell-quoted, joined by spaces. */
export function cmdToString(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}

/** `resolve_oci_user`: `User` (`name`, `uid`, `name:group`, `uid:gid`) through the image's passwd/group. */
function resolveOciUser(user: string, image: ImageRuntimeConfig): { uid?: number; gid?: number } {
  const numeric = /^(\d+)(?::(\d+))?$/.exec(user);
  if (numeric) return { uid: Number(numeric[1]), gid: numeric[2] !== undefined ? Number(numeric[2]) : image.data.userGid };
  return { uid: image.data.userUid, gid: image.data.userGid };
}

/**
 * What pve-container's OCI create does to the config after the API parameters are stored
 * (src/PVE/API2/LXC.pm: `update_pct_config` at L414, then `restore_oci_archive` at L558), from
 * src/PVE/LXC/Create.pm `restore_oci_archive` (L668-784, commit 94f55852):
 * - L704-734: a base directory for each of the image's `Volumes` ("creating base directory for
 *   volume at $path");
 * - L735-763: `Entrypoint` + `Cmd`, unless empty or starting with `/sbin/init`, become
 *   `entrypoint` (cmd2string), `cmode: console`, and every `netN` without `host-managed` gets
 *   `host-managed=1` ("Auto-Enabling host-managed network for network device $opt.");
 * - L765-770 (6.1.0 on, commit 2c68b55): `User` becomes `lxc.init.uid`/`gid`/`groups`;
 * - L772-774: `WorkingDir` becomes `lxc.init.cwd`;
 * - L776-778: `Env` **replaces** `env` (NUL-joined), whatever the API call gave;
 * - L780-781: `lxc.signal.halt` is the image's `StopSignal`, or `SIGTERM`.
 * Raw `lxc.*` keys are kept as config lines of their own (GET config lists them under `lxc`).
 */
export function applyOciImageConfig(conf: ConfigMap, image: ImageRuntimeConfig, features: ContainerFeatures, log: (line: string) => void): void {
  const oci = image.config;
  for (const path of oci.Volumes) log(`creating base directory for volume at ${path}`);

  const initCmd = [...oci.Entrypoint, ...oci.Cmd];
  if (initCmd.length > 0 && initCmd[0] !== '/sbin/init') {
    conf.set('entrypoint', cmdToString(initCmd));
    conf.set('cmode', 'console');
    for (const key of [...conf.keys()].filter((k) => /^net\d+$/.test(k))) {
      const net = parsePropertyString(conf.get(key) ?? '');
      if (net.has('host-managed')) continue;
      log(`Auto-Enabling host-managed network for network device ${key}.`);
      net.set('host-managed', '1');
      conf.set(key, printPropertyString(net, undefined, NET_KEY_ORDER));
    }
  }

  if (features.honoursOciUser && oci.User !== '') {
    const { uid, gid } = resolveOciUser(oci.User, image);
    if (uid !== undefined) conf.set('lxc.init.uid', String(uid));
    if (gid !== undefined) conf.set('lxc.init.gid', String(gid));
  }
  if (oci.WorkingDir !== '') conf.set('lxc.init.cwd', oci.WorkingDir);
  if (oci.Env.length > 0) conf.set('env', oci.Env.join('\0'));
  conf.set('lxc.signal.halt', oci.StopSignal ?? 'SIGTERM');
}
