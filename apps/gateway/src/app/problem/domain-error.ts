import type { ErrorCode } from '@proxdeck/shared-contracts';

/**
 * The one exception the gateway's own code throws for anything a caller did or may fix. The
 * problem filter turns it into RFC 9457 problem+json with `code` and, for input errors, `errors`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly detail: string,
    readonly errors?: Record<string, string>,
    readonly operationId?: string,
  ) {
    super(detail);
    this.name = 'DomainError';
  }

  static validation(errors: Record<string, string>, detail = 'The request has invalid fields; see errors.'): DomainError {
    return new DomainError('VALIDATION_FAILED', 400, detail, errors);
  }

  static notFound(code: ErrorCode, detail: string, errors?: Record<string, string>): DomainError {
    return new DomainError(code, 404, detail, errors);
  }
}
