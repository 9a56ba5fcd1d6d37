import { checkSync } from 'recheck';
import type { CatalogEntry } from './catalog-entry.schema';

const verdicts = new Map<string, string | null>();

/**
 * Why `source` may take too long on some input, or null. Input values are matched in the
 * gateway's event loop, so a pattern must not backtrack catastrophically: recheck (an automaton
 * analysis) finds exponential and polynomial cases. Exponential is refused, and polynomial of
 * degree 3 or more; quadratic stays (values are at most MAX_INPUT_VALUE_LENGTH long, checked
 * first: about a million steps at worst). A pattern recheck cannot decide in time is refused too.
 */
export function backtrackingProblem(source: string): string | null {
  const known = verdicts.get(source);
  if (known !== undefined) return known;
  const result = checkSync(source, '');
  let problem: string | null = null;
  if (result.status === 'unknown') {
    problem = `"${source}" could not be shown to run in reasonable time on every input; simplify it`;
  } else if (result.status === 'vulnerable' && (result.complexity.type === 'exponential' || result.complexity.degree >= 3)) {
    const how = result.complexity.type === 'exponential' ? 'exponential' : `degree-${result.complexity.degree} polynomial`;
    problem = `"${source}" backtracks catastrophically (${how} time on inputs like ${JSON.stringify(result.attack.string.slice(0, 40))}); rewrite it so no repetition can match the same text two ways`;
  }
  verdicts.set(source, problem);
  return problem;
}

/** `<field>: <problem>` for each pattern of the entry (input patterns, the update track) that backtracks catastrophically. */
export function entryBacktrackingProblems(entry: Pick<CatalogEntry, 'inputs' | 'updates'>): string[] {
  const problems: string[] = [];
  entry.inputs.forEach((input, i) => {
    const problem = input.pattern === undefined ? null : backtrackingProblem(input.pattern);
    if (problem) problems.push(`inputs[${i}].pattern: ${problem}`);
  });
  const track = entry.updates?.track;
  const problem = track === undefined ? null : backtrackingProblem(track);
  if (problem) problems.push(`updates.track: ${problem}`);
  return problems;
}
