import { PveError, PveTaskError } from '@proxdeck/server-proxmox';
import { OperationFailure } from '../processors/operation-failure';
import { isTransient, reasonOf } from './failure-policy';

describe('failure policy', () => {
  it('retries what Proxmox marks retryable and our own infrastructure errors', () => {
    expect(isTransient(new PveError({ kind: 'unreachable', retryable: true, pveMessage: 'connect ECONNREFUSED' }))).toBe(true);
    expect(isTransient(new PveTaskError('UPID:pve1:00000001:00000001:00000001:vzstart:100:root@pam:', 'vzstart', 'CT is locked (backup)', []))).toBe(true);
    expect(isTransient(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('does not retry our own verdicts or permanent Proxmox refusals', () => {
    expect(isTransient(new OperationFailure('nginx did not become healthy within 120 s'))).toBe(false);
    expect(isTransient(new PveTaskError('UPID:pve1:00000001:00000001:00000001:vzstart:100:root@pam:', 'vzstart', "startup for container '100' failed", []))).toBe(false);
  });

  it('gives a failed task as a sentence naming the task and its error', () => {
    const err = new PveTaskError('UPID:pve1:00000001:00000001:00000001:vzstart:100:root@pam:', 'vzstart', "startup for container '100' failed", []);
    expect(reasonOf(err)).toContain("vzstart failed: startup for container '100' failed");
    expect(reasonOf(new OperationFailure('No Proxmox node is online.'))).toBe('No Proxmox node is online.');
    expect(reasonOf('boom')).toBe('Unexpected error: boom');
  });
});
