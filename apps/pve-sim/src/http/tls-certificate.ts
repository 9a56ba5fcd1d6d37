import { generate } from 'selfsigned';

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
