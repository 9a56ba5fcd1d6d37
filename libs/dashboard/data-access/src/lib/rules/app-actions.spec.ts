import { canPerform, rollbackAvailable, type AppAction } from './app-actions';

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

describe('rollbackAvailable', () => {
  const now = new Date('2026-11-24T12:00:00.000Z');

  it('is offered while the previous version is kept', () => {
    expect(rollbackAvailable({ previousVersion: '1.27.3', rollbackUntil: '2026-11-25T12:00:00.000Z' }, now)).toBe(true);
  });

  it('is gone once the grace period is over or nothing was kept', () => {
    expect(rollbackAvailable({ previousVersion: '1.27.3', rollbackUntil: '2026-11-24T11:00:00.000Z' }, now)).toBe(false);
    expect(rollbackAvailable({ previousVersion: null, rollbackUntil: null }, now)).toBe(false);
  });
});

describe('canPerform for the operations after deploy', () => {
  it('offers update only while running, and restore even when the container is missing', () => {
    expect(canPerform({ status: 'running', activeOperation: null }, 'update')).toBe(true);
    expect(canPerform({ status: 'stopped', activeOperation: null }, 'update')).toBe(false);
    expect(canPerform({ status: 'missing', activeOperation: null }, 'restore')).toBe(true);
    expect(canPerform({ status: 'missing', activeOperation: null }, 'clone')).toBe(false);
  });
});
