/**
 * Runs in Jest's parent process, before the test files. Jest gives each test file a copy of
 * process.env, so setting NODE_TLS_REJECT_UNAUTHORIZED inside a test does not reach Node's TLS
 * code; setting it here does. proxmox-api (undici) has no option to trust the sim's self-signed
 * certificate.
 */
module.exports = async () => {
  process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';
};
