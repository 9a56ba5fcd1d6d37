import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from './wait-for';
import { workspaceRoot } from './workspace-root';

describe('waitFor', () => {
  it('returns the first defined value, probing again until then', async () => {
    let calls = 0;
    const value = await waitFor(async () => (++calls < 3 ? undefined : 'ready'), 'the third call', 1000, 1);
    expect(value).toBe('ready');
    expect(calls).toBe(3);
  });

  it('keeps probing through errors and names what it waited for when time runs out', async () => {
    await expect(
      waitFor(async () => {
        throw new Error('connection refused');
      }, 'the gateway', 30, 5),
    ).rejects.toThrow(/timed out after 30 ms waiting for the gateway: Error: connection refused/);
  });
});

describe('workspaceRoot', () => {
  it('finds the folder holding nx.json', () => {
    expect(existsSync(join(workspaceRoot(), 'nx.json'))).toBe(true);
  });
});
