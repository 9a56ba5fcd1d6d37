import { resolve } from 'node:path';
import { readCertificateFiles, type TlsCertificateFiles } from '../http/tls-certificate';

/**
 * The certificate the `int-test` target generates (scripts/test-certificate.mjs) and makes Node trust
 * through NODE_EXTRA_CA_CERTS, so HTTPS clients verify the sim for real.
 */
export function testTlsFiles(): TlsCertificateFiles {
  const dir = process.env['PVE_SIM_TEST_TLS_DIR'];
  const extraCa = process.env['NODE_EXTRA_CA_CERTS'];
  if (!dir || !extraCa) {
    throw new Error(
      'PVE_SIM_TEST_TLS_DIR and NODE_EXTRA_CA_CERTS are not set: run the integration tests with `npx nx run pve-sim:int-test`, which generates the test certificate and trusts it',
    );
  }
  const files = { cert: resolve(dir, 'cert.pem'), key: resolve(dir, 'key.pem') };
  if (resolve(extraCa) !== files.cert) throw new Error(`NODE_EXTRA_CA_CERTS (${extraCa}) is not the test certificate ${files.cert}`);
  return files;
}

/** PEM key and certificate for `startSim({ tls })`. */
export function testTls(): { key: string; cert: string } {
  return readCertificateFiles(testTlsFiles());
}
