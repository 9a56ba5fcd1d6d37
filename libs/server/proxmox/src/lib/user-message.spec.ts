import { classifyPveError } from './classify-pve-error';
import { PveError } from './pve-error';
import { PveTaskError, PveTaskTimeoutError } from './pve-task.errors';
import { toUserMessage } from './user-message';

describe('toUserMessage', () => {
  it('explains an unreachable host with its origin and error code', () => {
    const err = new PveError({
      kind: 'unreachable',
      retryable: true,
      pveMessage: 'connect ECONNREFUSED 10.0.0.5:8006',
      code: 'ECONNREFUSED',
      method: 'GET',
      url: 'https://x:8006/api2/json/version',
    });
    expect(toUserMessage(err)).toBe('Proxmox at https://x:8006 is unreachable (ECONNREFUSED). Check the URL and that the host is up.');
  });

  it('points at TLS settings for an untrusted certificate', () => {
    const err = new PveError({ kind: 'unreachable', retryable: false, pveMessage: 'self-signed certificate', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(toUserMessage(err)).toMatch(/not trusted .*turn off TLS verification/);
  });

  it('lists field errors of an invalid request', () => {
    const err = new PveError({
      kind: 'invalid',
      retryable: false,
      status: 400,
      pveMessage: 'Parameter verification failed.',
      fieldErrors: { memory: 'value must have a minimum value of 16' },
    });
    expect(toUserMessage(err)).toBe('Proxmox rejected the request (memory: value must have a minimum value of 16).');
  });

  it('tells what to check on auth and permission failures', () => {
    const auth = classifyPveError(new Error('GET https://x:8006/api2/json/version return Error 401 Authentication failed!: {"data":null,"errors":""}'));
    expect(toUserMessage(auth)).toBe(
      'Proxmox at https://x:8006 rejected the credentials (Authentication failed!). Check the API token id and secret, or the username and password.',
    );
    const perm = new PveError({ kind: 'permission', retryable: false, status: 403, pveMessage: 'Permission check failed (/vms/100, VM.PowerMgmt)' });
    expect(toUserMessage(perm)).toMatch(/lacks a permission: Permission check failed \(\/vms\/100, VM.PowerMgmt\)\. Grant it/);
  });

  it('describes task failures and timeouts', () => {
    const failed = new PveTaskError('UPID:pve:00000001:00000002:67100000:vzstart:100:root@pam:', 'vzstart', 'CT is locked (backup)', []);
    expect(toUserMessage(failed)).toBe(
      'The Proxmox task vzstart failed: CT is locked (backup). The container is busy with another operation; try again when it finishes.',
    );
    const timeout = new PveTaskTimeoutError('UPID:pve:00000001:00000002:67100000:vzcreate:100:root@pam:', 'vzcreate', 30_000);
    expect(toUserMessage(timeout)).toMatch(/vzcreate did not finish within 30 s/);
  });

  it('falls back for unknown values', () => {
    expect(toUserMessage(42)).toBe('Something went wrong talking to Proxmox.');
  });
});
