import { HttpErrorResponse } from '@angular/common/http';
import { ERROR_CODES, type ErrorCode, type ProblemDetails } from '@proxdeck/shared-contracts';

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

function isRecordOfStrings(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string');
}

/**
 * Turns whatever an API call threw into RFC 9457 problem details, so views show one kind of error.
 * The gateway answers problem+json; network failures and foreign errors get a readable stand-in.
 */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof HttpErrorResponse) {
    const body: unknown = error.error;
    if (typeof body === 'object' && body !== null && 'title' in body) {
      const candidate = body as Partial<Record<keyof ProblemDetails, unknown>>;
      return {
        type: typeof candidate.type === 'string' ? candidate.type : 'about:blank',
        title: typeof candidate.title === 'string' ? candidate.title : error.statusText,
        status: typeof candidate.status === 'number' ? candidate.status : error.status,
        detail: typeof candidate.detail === 'string' ? candidate.detail : '',
        code: isErrorCode(candidate.code) ? candidate.code : codeForStatus(error.status),
        ...(isRecordOfStrings(candidate.errors) ? { errors: candidate.errors } : {}),
        ...(typeof candidate.operationId === 'string' ? { operationId: candidate.operationId } : {}),
      };
    }
    if (error.status === 0) {
      return {
        type: 'about:blank',
        title: 'Gateway unreachable',
        status: 0,
        detail: 'Proxdeck could not be reached. Check your connection and try again.',
        code: 'INTERNAL_ERROR',
      };
    }
    return {
      type: 'about:blank',
      title: error.statusText || `Request failed (${error.status})`,
      status: error.status,
      detail: '',
      code: codeForStatus(error.status),
    };
  }
  return {
    type: 'about:blank',
    title: 'Unexpected error',
    status: 0,
    detail: error instanceof Error ? error.message : String(error),
    code: 'INTERNAL_ERROR',
  };
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'VALIDATION_FAILED';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'APP_STATE_CONFLICT';
    case 429:
      return 'RATE_LIMITED';
    case 502:
    case 503:
      return 'PROXMOX_UNREACHABLE';
    default:
      return 'INTERNAL_ERROR';
  }
}

/** One line a person can act on: the title, plus the detail when it adds something. */
export function problemMessage(problem: ProblemDetails): string {
  if (!problem.detail || problem.detail === problem.title) {
    return problem.title;
  }
  return `${problem.title}: ${problem.detail}`;
}
