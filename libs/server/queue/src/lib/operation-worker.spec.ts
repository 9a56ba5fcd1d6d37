import { assertHandlersComplete } from './operation-worker';

const noop = async (): Promise<void> => undefined;

describe('assertHandlersComplete', () => {
  it('accepts exactly one handler per operation type', () => {
    expect(() => assertHandlersComplete({ deploy: noop, start: noop, stop: noop, restart: noop, delete: noop })).not.toThrow();
  });

  it('names the missing and unknown handlers', () => {
    expect(() => assertHandlersComplete({ deploy: noop, stop: noop, bogus: noop } as never)).toThrow(
      /missing \[start, restart, delete\], unknown \[bogus\]/,
    );
  });
});
