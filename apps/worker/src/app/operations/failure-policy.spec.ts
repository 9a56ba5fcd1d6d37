import { PveError, PveTaskError } from '@proxdeck/server-proxmox';
import { OperationFailure } from '../processors/operation-failure';
import { isDatabaseOutage, isTransient, reasonOf } from './failure-policy';

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

  it('tells a database that is gone from a failing query', () => {
    expect(isDatabaseOutage(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseOutage(new Error('Connection terminated unexpectedly'))).toBe(true);
    const typeorm = Object.assign(new Error('terminating connection due to administrator command'), { driverError: { code: '57P01' } });
    expect(isDatabaseOutage(typeorm)).toBe(true);
    expect(isDatabaseOutage(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false);
    expect(isDatabaseOutage(new OperationFailure('nginx did not become healthy within 120 s'))).toBe(false);
  });
});
