import { FaultRegistry, parseFaultSpec } from './fault-registry';

describe('FaultRegistry', () => {
  it('fails the next matching task with a realistic default message, once', () => {
    const faults = new FaultRegistry();
    faults.add(parseFaultSpec({ kind: 'task-fail', taskType: 'vzstart' }));
    expect(faults.takeTaskFailure('vzstop', 100)).toBeUndefined();
    expect(faults.takeTaskFailure('vzstart', 100)).toBe("startup for container '100' failed");
    expect(faults.takeTaskFailure('vzstart', 100)).toBeUndefined();
  });

  it('honours vmid filters, custom messages and times', () => {
    const faults = new FaultRegistry();
    faults.add(parseFaultSpec({ kind: 'task-fail', taskType: 'vzcreate', vmid: 101, message: 'boom', times: 2 }));
    expect(faults.takeTaskFailure('vzcreate', 100)).toBeUndefined();
    expect(faults.takeTaskFailure('vzcreate', 101)).toBe('boom');
    expect(faults.list()[0].remaining).toBe(1);
    expect(faults.takeTaskFailure('vzcreate', 101)).toBe('boom');
    expect(faults.list()).toEqual([]);
  });

  it('rejects malformed specs', () => {
    expect(() => parseFaultSpec({ kind: 'meteor' })).toThrow(/unknown fault kind/);
    expect(() => parseFaultSpec({ kind: 'task-fail' })).toThrow(/taskType/);
    expect(() => parseFaultSpec({ kind: 'task-fail', taskType: 'vzstart', times: 0 })).toThrow(/times/);
  });
});
