/**
 * An error that the API layer turns into PVE's envelope: status `<code> <first line>`,
 * body `{"data":null,"errors"?,"message":"<text>\n"}` (SEMANTICS.md §0).
 */
export class ApiError extends Error {
  readonly code: number;
  readonly errors?: Record<string, string>;

  constructor(code: number, message: string, errors?: Record<string, string>) {
    super(message.endsWith('\n') ? message : `${message}\n`);
    this.name = 'ApiError';
    this.code = code;
    this.errors = errors;
  }

  /** The HTTP reason phrase: only the first line survives (AnyEvent.pm `response()`). */
  get statusText(): string {
    return this.message.split('\n')[0];
  }
}

/** `raise_param_exc`: 400 `Parameter verification failed.` with per-field errors. */
export function paramError(errors: Record<string, string>): ApiError {
  return new ApiError(400, 'Parameter verification failed.', errors);
}

/** A plain Perl `die "...\n"` inside a handler: 500 with the text. */
export function dieError(message: string): ApiError {
  return new ApiError(500, message);
}
