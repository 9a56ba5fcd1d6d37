import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import { toProblem } from './problem-mapping';

describe('toProblem', () => {
  it('keeps a DomainError\'s code, status, errors and operation id', () => {
    const { problem, unexpected } = toProblem(new DomainError('OPERATION_IN_PROGRESS', 409, 'busy', undefined, 'op-1'));
    expect(problem).toEqual({
      type: 'urn:proxdeck:problem:operation-in-progress',
      title: 'Conflict',
      status: 409,
      detail: 'busy',
      code: 'OPERATION_IN_PROGRESS',
      operationId: 'op-1',
    });
    expect(unexpected).toBe(false);
  });

  it('omits an empty errors map', () => {
    expect(toProblem(DomainError.validation({})).problem).not.toHaveProperty('errors');
    expect(toProblem(DomainError.validation({ hostname: 'bad' })).problem.errors).toEqual({ hostname: 'bad' });
  });

  it('maps Nest HTTP exceptions to stable codes', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x')).problem).toMatchObject({ status: 404, code: 'NOT_FOUND', detail: 'Cannot GET /x' });
    expect(toProblem(new BadRequestException()).problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(toProblem(new ThrottlerException()).problem).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  });

  it('turns a unique violation on the app hostname into 409 APP_HOSTNAME_TAKEN naming the field', () => {
    const err = new QueryFailedError('INSERT', [], Object.assign(new Error('duplicate key'), { code: '23505', constraint: 'apps_hostname_key' }));
    expect(toProblem(err).problem).toMatchObject({ status: 409, code: 'APP_HOSTNAME_TAKEN', errors: { hostname: 'is already taken' } });
  });

  it('hides the internals of anything unknown behind 500 INTERNAL_ERROR', () => {
    const { problem, unexpected } = toProblem(new Error('password=hunter2 at db.ts:12'));
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(problem)).not.toContain('hunter2');
    expect(unexpected).toBe(true);
  });

  it('reports a malformed JSON body as 400', () => {
    const bodyError = Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed', status: 400 });
    expect(toProblem(bodyError).problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', detail: 'The request body is not valid JSON.' });
  });
});
