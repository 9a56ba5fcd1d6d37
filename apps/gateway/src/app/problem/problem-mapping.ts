import { HttpException } from '@nestjs/common';
import type { ErrorCode, ProblemDetails } from '@proxdeck/shared-contracts';
import { DomainError } from './domain-error';
import { problem } from './problem-details';

export interface MappedProblem {
  problem: ProblemDetails;
  /** True for failures that are ours (5xx): log them with the stack; the caller gets no internals. */
  unexpected: boolean;
}

/** Unique constraints whose violation is the caller's conflict, not our bug (names from the migrations). */
const UNIQUE_CONFLICTS: Record<string, { code: ErrorCode; field?: string; detail: string }> = {
  apps_hostname_key: { code: 'APP_HOSTNAME_TAKEN', field: 'hostname', detail: 'An app with this hostname already exists; choose another hostname.' },
  users_username_key: { code: 'USER_EXISTS', field: 'username', detail: 'A user with this username already exists.' },
  operations_one_active_per_app: { code: 'OPERATION_IN_PROGRESS', detail: 'Another operation is in progress for this app; wait for it to finish.' },
};

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'VALIDATION_FAILED',
  415: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
};

const INTERNAL_DETAIL = 'An unexpected error occurred. It has been logged; try again, and report it if it persists.';

/** Maps anything thrown while serving a request to the problem+json the caller gets. Pure. */
export function toProblem(exception: unknown): MappedProblem {
  if (exception instanceof DomainError) {
    return {
      problem: problem(exception.status, exception.code, exception.detail, { errors: exception.errors, operationId: exception.operationId }),
      unexpected: exception.status >= 500 && exception.code === 'INTERNAL_ERROR',
    };
  }
  if (exception instanceof HttpException) return fromHttpException(exception);

  const unique = uniqueViolation(exception);
  if (unique) {
    const known = UNIQUE_CONFLICTS[unique];
    if (known) {
      return { problem: problem(409, known.code, known.detail, { errors: known.field ? { [known.field]: 'is already taken' } : undefined }), unexpected: false };
    }
  }

  const bodyError = bodyParserError(exception);
  if (bodyError) return { problem: problem(bodyError.status, STATUS_CODES[bodyError.status] ?? 'VALIDATION_FAILED', bodyError.detail), unexpected: false };

  return { problem: problem(500, 'INTERNAL_ERROR', INTERNAL_DETAIL), unexpected: true };
}

function fromHttpException(exception: HttpException): MappedProblem {
  const status = exception.getStatus();
  if (status >= 500) return { problem: problem(status, 'INTERNAL_ERROR', INTERNAL_DETAIL), unexpected: true };
  const code = STATUS_CODES[status] ?? 'VALIDATION_FAILED';
  return { problem: problem(status, code, httpDetail(exception, code)), unexpected: false };
}

function httpDetail(exception: HttpException, code: ErrorCode): string {
  if (code === 'RATE_LIMITED') return 'Too many requests; wait a minute and try again.';
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return exception.message;
}

/** The constraint name of a PostgreSQL unique violation (SQLSTATE 23505), wherever TypeORM put it. */
function uniqueViolation(exception: unknown): string | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const e = exception as { code?: unknown; constraint?: unknown; driverError?: { code?: unknown; constraint?: unknown } };
  const source = e.driverError ?? e;
  if (source.code !== '23505') return undefined;
  return typeof source.constraint === 'string' ? source.constraint : '';
}

/** body-parser's errors (malformed JSON, too large) carry `type` and a 4xx `status`. */
function bodyParserError(exception: unknown): { status: number; detail: string } | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const e = exception as { type?: unknown; status?: unknown };
  if (typeof e.type !== 'string' || typeof e.status !== 'number' || e.status < 400 || e.status >= 500) return undefined;
  if (e.type === 'entity.parse.failed') return { status: 400, detail: 'The request body is not valid JSON.' };
  if (e.type === 'entity.too.large') return { status: 413, detail: 'The request body is too large.' };
  return { status: e.status, detail: 'The request body could not be read.' };
}
