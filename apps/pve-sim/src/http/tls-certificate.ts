import { readFileSync } from 'node:fs';
import { generate } from 'selfsigned';

/** PEM key and certificate (chain) the HTTPS server presents. */
export interface TlsCertificate {
  key: string | Buffer;
  cert: string | Buffer;
}

/** Paths of a PEM certificate and its private key, like a PVE node's pveproxy-ssl.pem/.key. */
export interface TlsCertificateFiles {
  cert: string;
  key: string;
}

/** A self-signed certificate generated at start (like a fresh PVE node's pve-ssl.pem). */
export async function generateCertificate(host: string): Promise<{ key: string; cert: string }> {
  const altNames: Array<{ type: 2; value: string } | { type: 7; ip: string }> = [
    { type: 2, value: 'localhost' },
    { type: 7, ip: '127.0.0.1' },
  ];
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) && host !== '127.0.0.1') altNames.push({ type: 7, ip: host });
  else if (host !== 'localhost' && !/^[\d.:]+$/.test(host)) altNames.push({ type: 2, value: host });
  const pems = await generate([{ name: 'commonName', value: 'pve-sim' }, { name: 'organizationName', value: 'PVE Cluster Node' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames }],
  });
  return { key: pems.private, cert: pems.cert };
}

/** Reads a custom certificate (a node with an uploaded/ACME certificate); errors name the flag's file. */
export function readCertificateFiles(files: TlsCertificateFiles): { key: string; cert: string } {
  const read = (what: string, path: string): string => {
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      throw new Error(`cannot read TLS ${what} file '${path}': ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return { cert: read('certificate', files.cert), key: read('key', files.key) };
}
