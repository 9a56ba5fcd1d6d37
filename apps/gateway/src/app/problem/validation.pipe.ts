import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { DomainError } from './domain-error';
import { flattenValidationErrors } from './validation-errors';

/** Deeper than any request of this API; class-transformer recurses per level and overflows the stack long before JSON.parse does. */
export const MAX_INPUT_DEPTH = 32;

/**
 * Strict input: unknown fields are refused, types converted; errors become 400 VALIDATION_FAILED
 * with `errors`. Before any of that, input no field of this API can hold is refused: nesting
 * deeper than MAX_INPUT_DEPTH, and NUL characters (PostgreSQL text cannot store them).
 */
class ProxdeckValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const problem = unstorableInput(value);
    if (problem) {
      const where = problem.path ? `${metadata.type === 'body' ? '' : `${metadata.type}.`}${problem.path}` : metadata.type;
      throw DomainError.validation({ [where]: problem.message });
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ProxdeckValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => DomainError.validation(flattenValidationErrors(errors)),
  });
}

/** The first place in `value` that no field can hold, walked without recursion. Pure. */
export function unstorableInput(value: unknown): { path: string; message: string } | null {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; depth: number; path: string };
    if (typeof item.value === 'string') {
      if (item.value.includes('\u0000')) return { path: item.path, message: 'must not contain NUL characters' };
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= MAX_INPUT_DEPTH) return { path: item.path, message: `nests deeper than ${MAX_INPUT_DEPTH} levels` };
    for (const [key, child] of Object.entries(item.value)) {
      if (key.includes('\u0000')) return { path: item.path, message: 'must not contain NUL characters in field names' };
      stack.push({ value: child, depth: item.depth + 1, path: item.path ? `${item.path}.${key}` : key });
    }
  }
  return null;
}
