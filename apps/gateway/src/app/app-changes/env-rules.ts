/** Environment names a container and PVE's `env` accept: letters, digits and underscores, not starting with a digit. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_VARIABLES = 100;
const MAX_VALUE_LENGTH = 4096;

/** `env.<NAME> -> message` for each bad entry of a configure request's env (empty when all are fine). */
export function envProblems(env: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  const entries = Object.entries(env);
  if (entries.length > MAX_VARIABLES) return { env: `must hold at most ${MAX_VARIABLES} variables` };
  for (const [name, value] of entries) {
    const path = `env.${name}`;
    if (!ENV_NAME.test(name) || name.length > 128) {
      errors[path] = 'is not a valid variable name; use letters, digits and underscores, not starting with a digit';
    } else if (value !== null && typeof value !== 'string') {
      errors[path] = 'must be a string, or null to remove the value you set';
    } else if (typeof value === 'string' && value.length > MAX_VALUE_LENGTH) {
      errors[path] = `must be at most ${MAX_VALUE_LENGTH} characters`;
    } else if (typeof value === 'string' && /[\x00-\x1F\x7F]/.test(value)) { // eslint-disable-line no-control-regex
      errors[path] = 'must not contain control characters such as line breaks';
    }
  }
  return errors;
}
