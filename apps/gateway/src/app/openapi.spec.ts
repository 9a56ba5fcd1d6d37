import type { OpenAPIObject } from '@nestjs/swagger';
import { withProblemResponses } from './openapi';

describe('withProblemResponses', () => {
  it('adds the ProblemDetails schema and a default problem response to every operation, keeping existing ones', () => {
    const doc: OpenAPIObject = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/api/v1/apps': {
          get: { responses: { '200': { description: 'ok' } } },
          post: { responses: { default: { description: 'mine' } } },
        },
      },
    };
    const out = withProblemResponses(doc);
    expect(out.components?.schemas?.['ProblemDetails']).toMatchObject({ type: 'object', required: ['type', 'title', 'status', 'detail', 'code'] });
    expect(out.paths['/api/v1/apps'].get?.responses['200']).toEqual({ description: 'ok' });
    expect(out.paths['/api/v1/apps'].get?.responses['default']).toMatchObject({
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
    });
    expect(out.paths['/api/v1/apps'].post?.responses['default']).toEqual({ description: 'mine' });
  });
});
