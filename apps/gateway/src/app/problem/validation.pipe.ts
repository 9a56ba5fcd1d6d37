import { ValidationPipe } from '@nestjs/common';
import { DomainError } from './domain-error';
import { flattenValidationErrors } from './validation-errors';

/** Strict input: unknown fields are refused, types converted; errors become 400 VALIDATION_FAILED with `errors`. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => DomainError.validation(flattenValidationErrors(errors)),
  });
}
