import { HttpErrorResponse } from '@angular/common/http';
import { problemMessage, toProblem } from './problem';

describe('toProblem', () => {
  it('keeps the problem+json body of the gateway, field errors included', () => {
    const problem = toProblem(
      new HttpErrorResponse({
        status: 400,
        error: { type: 'about:blank', title: 'Invalid input', status: 400, detail: 'Fix the fields.', code: 'VALIDATION_FAILED', errors: { hostname: 'Taken' } },
      }),
    );
    expect(problem).toEqual({ type: 'about:blank', title: 'Invalid input', status: 400, detail: 'Fix the fields.', code: 'VALIDATION_FAILED', errors: { hostname: 'Taken' } });
  });

  it('explains a network failure', () => {
    const problem = toProblem(new HttpErrorResponse({ status: 0 }));
    expect(problemMessage(problem)).toBe('Gateway unreachable: Proxdeck could not be reached. Check your connection and try again.');
  });

  it('derives a code from the status when the body is not problem+json', () => {
    expect(toProblem(new HttpErrorResponse({ status: 409, statusText: 'Conflict', error: 'busy' })).code).toBe('APP_STATE_CONFLICT');
  });
});
