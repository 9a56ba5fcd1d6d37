import { canPerform, type AppAction } from './app-actions';

const ACTIONS: AppAction[] = ['start', 'stop', 'restart', 'delete'];

describe('canPerform', () => {
  it('offers stop, restart and delete for a running app', () => {
    const running = { status: 'running' as const, activeOperation: null };
    expect(ACTIONS.filter((action) => canPerform(running, action))).toEqual(['stop', 'restart', 'delete']);
  });

  it('offers start and delete for a stopped app', () => {
    const stopped = { status: 'stopped' as const, activeOperation: null };
    expect(canPerform(stopped, 'start')).toBe(true);
    expect(canPerform(stopped, 'stop')).toBe(false);
  });

  it('offers nothing while an operation is in flight', () => {
    const busy = { status: 'running' as const, activeOperation: { id: 'op', type: 'restart' as const, state: 'running' as const, progress: 10 } };
    expect(canPerform(busy, 'stop')).toBe(false);
    expect(canPerform(busy, 'delete')).toBe(false);
  });
});
