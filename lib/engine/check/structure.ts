import type { z } from 'zod';
import type { Problem } from '../types';
import { error, type ErrorCode, type Path } from './problems';

type Issue = z.core.$ZodIssue;

/** Every zod issue as a Problem with its full JSON path; unions resolve to the branch the author meant. */
export function structureProblems(issues: readonly Issue[], input: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) collect(issue, [], input, problems);
  return problems;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Object.prototype.hasOwnProperty.call(current, key) ? (current as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return current;
}

const toPath = (prefix: Path, path: readonly PropertyKey[]): Path => [
  ...prefix,
  ...path.map((k) => (typeof k === 'number' ? k : String(k))),
];

function collect(issue: Issue, prefix: Path, root: unknown, out: Problem[]): void {
  const path = toPath(prefix, issue.path);
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branch = likeliestBranch(issue.errors);
    if (branch) {
      for (const inner of branch) collect(inner, path, root, out);
      return;
    }
    const expected = issue.errors.flatMap((b) => b.flatMap((i) => rejectedTypes(i) ?? []));
    out.push(error('schema_invalid_type', `Expected ${[...new Set(expected)].join(' or ')}.`, path));
    return;
  }
  const [code, message] = describe(issue, path, root);
  out.push(error(code, message, path));
}

/**
 * The union branch that fits the input best: the one whose failures are not "wrong type here" or "keys
 * that belong to another branch". Returns undefined when every branch rejects the value's type outright.
 */
function likeliestBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  let best: readonly Issue[] | undefined;
  let bestScore = Infinity;
  for (const branch of branches) {
    if (branch.every((i) => rejectedTypes(i) !== undefined)) continue;
    const score = branch.length + 100 * branch.filter((i) => i.path.length === 0 && i.code === 'unrecognized_keys').length;
    if (score < bestScore) {
      best = branch;
      bestScore = score;
    }
  }
  return best;
}

/** The types expected where an issue says "wrong type right here" (directly or through every union branch). */
function rejectedTypes(issue: Issue): string[] | undefined {
  if (issue.path.length > 0) return undefined;
  if (issue.code === 'invalid_type') return [issue.expected];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return undefined;
  const all: string[] = [];
  for (const branch of issue.errors) {
    for (const inner of branch) {
      const types = rejectedTypes(inner);
      if (!types) return undefined;
      all.push(...types);
    }
  }
  return all;
}

function describe(issue: Issue, path: Path, root: unknown): [ErrorCode, string] {
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(root, path) === undefined) return ['schema_missing_field', `Required field "${path.at(-1)}" is missing.`];
      return ['schema_invalid_type', `Expected ${issue.expected}.`];
    case 'unrecognized_keys':
      return ['schema_unknown_field', `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.map((k) => `"${k}"`).join(', ')}.`];
    case 'invalid_value':
      if (path.length === 1 && path[0] === 'format') {
        return ['unknown_format', `Unknown format; expected "${String(issue.values[0])}".`];
      }
      return ['schema_invalid_value', `Expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`];
    case 'invalid_union':
      return ['schema_invalid_value', issue.message];
    case 'too_small':
      return ['schema_too_small', issue.message];
    case 'too_big':
      return ['schema_too_big', issue.message];
    case 'invalid_format':
      return ['schema_invalid_format', issue.message];
    case 'invalid_key':
      return ['schema_invalid_key', `Invalid key "${path.at(-1)}": ${issue.issues.map((i) => i.message).join('; ')}.`];
    default:
      return ['schema_invalid', issue.message];
  }
}
