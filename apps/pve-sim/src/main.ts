import { readFileSync } from 'node:fs';
import { parseCliArgs, USAGE } from './cli/cli-args';
import { readCertificateFiles } from './http/tls-certificate';
import { parseImageDefinitions } from './images/image-definition';
import { useDhcpOctet } from './network/container-ip';
import { startSim, type SimHandle } from './sim';

async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const log = (line: string): void => {
    process.stderr.write(`[pve-sim] ${line}\n`);
  };
  if (args.dhcpOctet !== undefined) useDhcpOctet(args.dhcpOctet);
  const extraImages = args.registryFile ? parseImageDefinitions(JSON.parse(readFileSync(args.registryFile, 'utf8'))) : [];
  const tls = args.tlsFiles ? readCertificateFiles(args.tlsFiles) : undefined;
  const sim: SimHandle = await startSim({ ...args.options, tls, extraImages, log });
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({ ready: true, url: sim.url, port: sim.port, nodes: sim.nodes, rootPassword: sim.rootPassword, tokenId: sim.tokenId, tokenSecret: sim.tokenSecret })}\n`,
    );
  } else {
    process.stdout.write(
      [
        `pve-sim (Proxmox VE ${sim.options.http ? '' : 'HTTPS '}API simulator) listening on ${sim.url}/api2/json`,
        `  nodes:         ${sim.nodes.join(', ')}`,
        `  root password: root@pam / ${sim.rootPassword}`,
        `  API token:     ${sim.tokenId}`,
        `  token secret:  ${sim.tokenSecret}`,
        `  header:        Authorization: PVEAPIToken=${sim.tokenId}=${sim.tokenSecret}`,
        `  task speed:    ${sim.options.taskSpeed}   admin API: ${sim.url}/_sim/inventory`,
        '',
      ].join('\n'),
    );
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    sim.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log(`shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`pve-sim: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
