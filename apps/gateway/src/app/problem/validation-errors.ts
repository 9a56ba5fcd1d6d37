import type { ValidationError } from 'class-validator';

/**
 * Flattens class-validator's tree into `field.path -> message` (one message a field, the first),
 * e.g. `resources.memoryMb -> must not be less than 1`, `foo -> is not an allowed field`.
 */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const constraints = error.constraints ? Object.entries(error.constraints) : [];
    if (constraints.length > 0) {
      const [name, message] = constraints[0];
      out[path] = name === 'whitelistValidation' ? 'is not an allowed field' : withoutSubject(message, error.property);
    }
    if (error.children?.length) Object.assign(out, flattenValidationErrors(error.children, path));
  }
  return out;
}

/** class-validator writes "memoryMb must be an integer number"; the field path already says whose. */
function withoutSubject(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
