import type { ErrorCode, ProblemDetails } from '@proxdeck/shared-contracts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Short human titles per status (RFC 9457 `title` should not vary between occurrences). */
const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** `APP_HOSTNAME_TAKEN` -> `urn:proxdeck:problem:app-hostname-taken`: stable, and it names the code. */
export function problemType(code: ErrorCode): string {
  return `urn:proxdeck:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

export function problem(
  status: number,
  code: ErrorCode,
  detail: string,
  extra: { errors?: Record<string, string>; operationId?: string } = {},
): ProblemDetails {
  return {
    type: problemType(code),
    title: TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error'),
    status,
    detail,
    code,
    ...(extra.errors && Object.keys(extra.errors).length > 0 && { errors: extra.errors }),
    ...(extra.operationId && { operationId: extra.operationId }),
  };
}
