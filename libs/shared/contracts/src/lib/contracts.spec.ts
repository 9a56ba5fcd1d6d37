import { isTerminalOperationState, roleAllows } from '../index';

describe('roleAllows', () => {
  it('gives each role the rights of the roles below it', () => {
    expect(roleAllows('admin', 'operator')).toBe(true);
    expect(roleAllows('operator', 'viewer')).toBe(true);
    expect(roleAllows('operator', 'operator')).toBe(true);
  });

  it('never the rights of a role above', () => {
    expect(roleAllows('viewer', 'operator')).toBe(false);
    expect(roleAllows('operator', 'admin')).toBe(false);
  });
});

describe('isTerminalOperationState', () => {
  it('is true only once an operation has ended', () => {
    expect(isTerminalOperationState('succeeded')).toBe(true);
    expect(isTerminalOperationState('failed')).toBe(true);
    expect(isTerminalOperationState('queued')).toBe(false);
    expect(isTerminalOperationState('running')).toBe(false);
  });
});
