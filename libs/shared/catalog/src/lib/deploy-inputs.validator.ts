import type { CatalogEntry } from './catalog-entry.schema';
import { inputValueProblem } from './catalog-entry.schema';

/**
 * Checks the deploy form's values against the entry's declared inputs. Returns field path -> message
 * (`inputs.timezone`), empty when valid; the gateway puts it in problem+json `errors`.
 * `inputs` is typed loosely on purpose: it comes straight from an HTTP body.
 */
export function validateDeployInputs(entry: Pick<CatalogEntry, 'name' | 'inputs'>, inputs: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  if (inputs === undefined || inputs === null) inputs = {};
  if (typeof inputs !== 'object' || Array.isArray(inputs)) {
    return { inputs: 'must be an object of input key -> value' };
  }
  const given = inputs as Record<string, unknown>;
  const declared = new Map(entry.inputs.map((input) => [input.key, input]));
  for (const key of Object.keys(given)) {
    if (!declared.has(key)) {
      const known = entry.inputs.map((i) => i.key);
      errors[`inputs.${key}`] =
        `unknown input "${key}"; ${entry.name} accepts ${known.length ? known.join(', ') : 'no inputs'}`;
    }
  }
  for (const input of entry.inputs) {
    const field = `inputs.${input.key}`;
    const value = Object.prototype.hasOwnProperty.call(given, input.key) ? given[input.key] : undefined;
    if (value === undefined || value === null || value === '') {
      if (input.required && input.default === undefined) errors[field] = `${input.label} is required`;
      continue;
    }
    if (typeof value !== 'string') {
      errors[field] = 'must be a string';
      continue;
    }
    const problem = inputValueProblem(input, value);
    if (problem) errors[field] = problem;
  }
  return errors;
}

/**
 * The values templates are rendered with: the given ones, defaults for the rest, "" for optional inputs
 * left empty (so `{{input.x}}` always resolves). Call after validateDeployInputs found no errors.
 */
export function deployInputValues(
  entry: Pick<CatalogEntry, 'inputs'>,
  inputs: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const input of entry.inputs) {
    const given = inputs?.[input.key];
    values[input.key] = given !== undefined && given !== '' ? given : (input.default ?? '');
  }
  return values;
}
