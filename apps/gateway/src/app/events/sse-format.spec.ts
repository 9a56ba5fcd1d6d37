import { sseFrame } from './sse-format';

describe('sseFrame', () => {
  it('writes the event type and the JSON on one data line, ending with a blank line', () => {
    expect(sseFrame({ type: 'app.deleted', appId: 'a1' })).toBe('event: app.deleted\ndata: {"type":"app.deleted","appId":"a1"}\n\n');
  });
});
