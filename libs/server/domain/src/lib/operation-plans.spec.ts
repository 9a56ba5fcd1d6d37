import { initialSteps, progressOf } from './operation-plans';

describe('operation plans', () => {
  it('starts every step pending', () => {
    expect(initialSteps('deploy').map((s) => s.state)).toEqual(Array(6).fill('pending'));
  });
  it('counts done and half of the running step', () => {
    const steps = initialSteps('stop');
    expect(progressOf(steps)).toBe(0);
    steps[0].state = 'running';
    expect(progressOf(steps)).toBe(50);
    steps[0].state = 'done';
    expect(progressOf(steps)).toBe(100);
  });
});
