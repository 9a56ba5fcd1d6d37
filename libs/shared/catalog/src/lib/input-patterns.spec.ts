import { inputValueProblem, MAX_INPUT_VALUE_LENGTH } from './catalog-entry.schema';
import { backtrackingProblem } from './pattern-backtracking';

describe('input patterns and values', () => {
  it('refuses patterns that backtrack catastrophically, keeps linear and quadratic ones', () => {
    expect(backtrackingProblem('^(a+)+$')).toMatch(/^"\^\(a\+\)\+\$" backtracks catastrophically \(exponential time on inputs like "a+/);
    expect(backtrackingProblem('^(\\w+\\s?)*$')).toContain('exponential time');
    // Bundled patterns: delimited repetitions are linear; the email pattern is quadratic, capped by length.
    expect(backtrackingProblem('^https?://[A-Za-z0-9._-]+(:\\d+)?(/\\S*)?$')).toBeNull();
    expect(backtrackingProblem('^14(\\.\\d+){0,2}$')).toBeNull();
    expect(backtrackingProblem('^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')).toBeNull();
  });

  it('checks the length before the pattern, so a long value costs nothing to refuse, and never quotes a long value back', () => {
    const email = { type: 'string' as const, pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' };
    // Quadratic for this pattern: 100,000 dots took seconds before the length check.
    expect(inputValueProblem(email, `a@${'.'.repeat(100_000)} `)).toBe(`must be at most ${MAX_INPUT_VALUE_LENGTH} characters`);
    expect(inputValueProblem(email, 'admin@example.lan')).toBeNull();
    const wrong = inputValueProblem(email, `${'x'.repeat(500)} not an address`);
    expect(wrong).toBe(`"${'x'.repeat(32)}..." (515 characters) does not match ^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$`);
    expect(inputValueProblem({ type: 'number' }, 'ten')).toBe('"ten" is not a number');
  });
});
