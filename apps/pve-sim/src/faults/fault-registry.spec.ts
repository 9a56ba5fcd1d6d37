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

  it('fails at a step number or after a named log line, not before', () => {
    const faults = new FaultRegistry();
    faults.add(parseFaultSpec({ kind: 'task-fail', taskType: 'vzclone', atStep: 2, message: 'at two' }));
    faults.add(parseFaultSpec({ kind: 'task-fail', taskType: 'vzdump', afterLog: 'creating vzdump archive', message: 'disk full' }));
    expect(faults.takeTaskFailure('vzclone', 100, { step: 1, log: [] })).toBeUndefined();
    expect(faults.takeTaskFailure('vzclone', 100)).toBeUndefined();
    expect(faults.takeTaskFailure('vzclone', 100, { step: 2, log: [] })).toBe('at two');
    expect(faults.takeTaskFailure('vzdump', 100, { step: 1, log: ['INFO: Starting Backup of VM 100 (lxc)'] })).toBeUndefined();
    expect(faults.takeTaskFailure('vzdump', 100, { step: 2, log: ["INFO: creating vzdump archive '/var/lib/vz/dump/x.tar'"] })).toBe('disk full');
    expect(faults.list()).toEqual([]);
    expect(() => parseFaultSpec({ kind: 'task-fail', taskType: 'vzdump', atStep: 0 })).toThrow(/atStep/);
    expect(() => parseFaultSpec({ kind: 'task-fail', taskType: 'vzdump', afterLog: '(' })).toThrow();
  });

  it('rejects malformed specs', () => {
    expect(() => parseFaultSpec({ kind: 'meteor' })).toThrow(/unknown fault kind/);
    expect(() => parseFaultSpec({ kind: 'task-fail' })).toThrow(/taskType/);
    expect(() => parseFaultSpec({ kind: 'task-fail', taskType: 'vzstart', times: 0 })).toThrow(/times/);
  });
});

describe('FaultRegistry: request and standing faults', () => {
  it('adds latency to matching requests until cleared, and fails bursts of requests', () => {
    const faults = new FaultRegistry();
    faults.add(parseFaultSpec({ kind: 'latency', ms: 200, path: '^/cluster/' }));
    faults.add(parseFaultSpec({ kind: 'http-error', status: 503, method: 'GET', times: 2 }));
    expect(faults.takeRequestFaults('GET', '/cluster/resources')).toEqual({ latencyMs: 200, error: { status: 503, message: 'Service Unavailable' } });
    expect(faults.takeRequestFaults('POST', '/nodes/pve1/lxc')).toEqual({ latencyMs: 0 });
    expect(faults.takeRequestFaults('GET', '/nodes')).toEqual({ latencyMs: 0, error: { status: 503, message: 'Service Unavailable' } });
    expect(faults.takeRequestFaults('GET', '/cluster/resources')).toEqual({ latencyMs: 200 });
    expect(faults.clear().map((f) => f.spec.kind)).toEqual(['latency']);
  });

  it('keeps node-offline and lock faults until cleared; ticket-expiry is instant', () => {
    const faults = new FaultRegistry();
    faults.add(parseFaultSpec({ kind: 'node-offline', node: 'pve2' }));
    faults.add(parseFaultSpec({ kind: 'ticket-expiry' }));
    faults.add(parseFaultSpec({ kind: 'lock', vmid: 100, lock: 'backup' }));
    expect(faults.isNodeOffline('pve2')).toBe(true);
    expect(faults.isNodeOffline('pve1')).toBe(false);
    expect(faults.list().map((f) => [f.spec.kind, f.remaining])).toEqual([
      ['node-offline', null],
      ['lock', null],
    ]);
    expect(() => parseFaultSpec({ kind: 'lock', vmid: 100, lock: 'nap' })).toThrow(/lock needs/);
    expect(() => parseFaultSpec({ kind: 'http-error', status: 200 })).toThrow(/400\.\.599/);
  });
});
