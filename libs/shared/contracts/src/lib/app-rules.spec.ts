import { allowedOperations, hostnameProblem, operationRefusal } from './app-rules';

describe('hostnameProblem', () => {
  it.each(['nginx', 'my-app-1', 'a', 'x'.repeat(63)])('accepts %s', (h) => expect(hostnameProblem(h)).toBeNull());
  it.each([
    ['', 'must not be empty'],
    ['-bad', 'use lowercase'],
    ['Bad', 'use lowercase'],
    ['under_score', 'use lowercase'],
    ['x'.repeat(64), 'at most 63'],
    ['0b7c5f1e-8a2d-4c3b-9e1f-2a3b4c5d6e7f', 'app id'],
  ])('refuses %p', (h, msg) => expect(hostnameProblem(h)).toContain(msg));
});

describe('operationRefusal', () => {
  it('allows the natural next step', () => {
    expect(operationRefusal('stop', 'running')).toBeNull();
    expect(operationRefusal('start', 'stopped')).toBeNull();
    expect(operationRefusal('delete', 'missing')).toBeNull();
  });
  it('explains refusals in words', () => {
    expect(operationRefusal('start', 'running')).toBe('The app is already running.');
    expect(operationRefusal('stop', 'provisioning')).toContain('provisioning');
  });
  it('allows nothing while provisioning or deleting', () => {
    expect(allowedOperations('provisioning')).toEqual([]);
    expect(allowedOperations('deleting')).toEqual([]);
  });
});
