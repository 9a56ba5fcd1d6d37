import type { OperationStepDto } from '@proxdeck/shared-contracts';
import { anOperation } from '../testing/fixtures';
import { isOlderSnapshot } from './operation-freshness';

const step = (name: string, state: OperationStepDto['state']): OperationStepDto => ({ name, state, startedAt: null, finishedAt: null });

describe('isOlderSnapshot', () => {
  const running = (...steps: OperationStepDto[]) => anOperation({ state: 'running', progress: 50, finishedAt: null, steps });

  it('takes any snapshot of an operation the store does not hold yet', () => {
    expect(isOlderSnapshot(anOperation({ state: 'queued' }), undefined)).toBe(false);
  });

  it('never lets a queued or running snapshot replace a finished operation', () => {
    const done = anOperation({ state: 'succeeded' });
    expect(isOlderSnapshot(running(step('a', 'done')), done)).toBe(true);
    expect(isOlderSnapshot(anOperation({ state: 'queued' }), anOperation({ state: 'failed' }))).toBe(true);
    expect(isOlderSnapshot(anOperation({ state: 'queued' }), running())).toBe(true);
  });

  it('moves forward through the states', () => {
    expect(isOlderSnapshot(running(), anOperation({ state: 'queued' }))).toBe(false);
    expect(isOlderSnapshot(anOperation({ state: 'failed' }), running(step('a', 'done')))).toBe(false);
  });

  it('within a running operation, a snapshot with fewer finished steps is older; equal ones are taken', () => {
    const later = running(step('a', 'done'), step('b', 'skipped'), step('c', 'running'));
    expect(isOlderSnapshot(running(step('a', 'done'), step('b', 'running'), step('c', 'pending')), later)).toBe(true);
    expect(isOlderSnapshot(running(step('a', 'done'), step('b', 'skipped'), step('c', 'pending')), later)).toBe(false);
  });
});
