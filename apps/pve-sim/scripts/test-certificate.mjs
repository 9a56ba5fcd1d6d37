/**
 * Writes the certificate the pve-sim integration tests serve (dist/pve-sim-test/tls/{key,cert}.pem).
 * The int-test target runs this first, then Jest with NODE_EXTRA_CA_CERTS pointing at cert.pem: Node
 * reads that variable only at process start, so the tests' HTTPS clients (proxmox-api's default fetch
 * included) verify the sim's certificate for real instead of switching verification off.
 * Usage: node apps/pve-sim/scripts/test-certificate.mjs [outDir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';

const workspaceRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const outDir = resolve(workspaceRoot, process.argv[2] ?? 'dist/pve-sim-test/tls');

const pems = await generate([{ name: 'commonName', value: 'pve-sim test' }], {
  keySize: 2048,
  algorithm: 'sha256',
  // Fresh each run; a day is plenty for one test run.
  notAfterDate: new Date(Date.now() + 24 * 3600 * 1000),
  extensions: [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
      ],
    },
  ],
});

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'key.pem'), pems.private, { mode: 0o600 });
writeFileSync(join(outDir, 'cert.pem'), pems.cert);
process.stdout.write(`pve-sim test certificate: ${join(outDir, 'cert.pem')}\n`);
