import type { OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ERROR_CODES } from '@proxdeck/shared-contracts';
import { PROBLEM_CONTENT_TYPE } from './problem/problem-details';

const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details; `code` is stable, `errors` maps field paths to messages.',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', example: 'urn:proxdeck:problem:app-hostname-taken' },
    title: { type: 'string', example: 'Conflict' },
    status: { type: 'integer', example: 409 },
    detail: { type: 'string', example: 'An app named "kuma" already exists; choose another hostname.' },
    code: { type: 'string', enum: [...ERROR_CODES] },
    errors: { type: 'object', additionalProperties: { type: 'string' }, example: { hostname: 'is already taken' } },
    operationId: { type: 'string', format: 'uuid', description: 'The operation in flight (OPERATION_IN_PROGRESS)' },
  },
};

/** Every operation may answer a problem: documents that once, as each operation's `default` response. */
export function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ProblemDetails: PROBLEM_SCHEMA };
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      operation.responses ??= {};
      operation.responses['default'] ??= {
        description: 'An error, as application/problem+json',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
      };
    }
  }
  return document;
}
