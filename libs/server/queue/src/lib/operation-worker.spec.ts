import { OPERATION_TYPES } from '@proxdeck/shared-contracts';
import { assertHandlersComplete, type OperationHandlers } from './operation-worker';

const noop = async (): Promise<void> => undefined;
const every = (): OperationHandlers => Object.fromEntries(OPERATION_TYPES.map((t) => [t, noop])) as unknown as OperationHandlers;

describe('assertHandlersComplete', () => {
  it('accepts exactly one handler per operation type', () => {
    expect(() => assertHandlersComplete(every())).not.toThrow();
  });

  it('names the missing and unknown handlers', () => {
    const { start: _start, restart: _restart, ...rest } = every();
    expect(() => assertHandlersComplete({ ...rest, bogus: noop } as never)).toThrow(/missing \[start, restart\], unknown \[bogus\]/);
  });
});
