import { ConfigFlocks, FlockTimeout } from './config-flock';

describe('ConfigFlocks', () => {
  it('grants at once when free and queues in order when held', async () => {
    const flocks = new ConfigFlocks();
    const order: string[] = [];
    const release1 = await flocks.acquire(100, 1000);
    const second = flocks.acquire(100, 1000).then((release) => {
      order.push('second');
      return release;
    });
    const third = flocks.acquire(100, 1000).then((release) => {
      order.push('third');
      release();
    });
    expect(flocks.isHeld(100)).toBe(true);
    release1();
    (await second)();
    await third;
    expect(order).toEqual(['second', 'third']);
    expect(flocks.isHeld(100)).toBe(false);
  });

  it('times out with the PVE message', async () => {
    const flocks = new ConfigFlocks();
    const release = await flocks.acquire(101, 1000);
    await expect(flocks.acquire(101, 5)).rejects.toEqual(new FlockTimeout("can't lock file '/run/lock/lxc/pve-config-101.lock' - got timeout"));
    release();
    expect(flocks.isHeld(101)).toBe(false);
  });

  it('locks per CT', async () => {
    const flocks = new ConfigFlocks();
    await flocks.acquire(100, 1000);
    await expect(flocks.acquire(102, 5)).resolves.toEqual(expect.any(Function));
  });
});
