import type { Problem } from '../engine/types';

/**
 * Which of the checker's problems belong where in the inspector: a node's own (listed at its top) and
 * those under a part of it, such as one rule or one processor entry (shown beside that part).
 */
export function problemsOfNode(problems: readonly Problem[], id: string): Problem[] {
  return problems.filter((p) => p.node === id || (p.path[0] === 'nodes' && p.path[1] === id));
}

/** The problems whose path starts with `prefix`, e.g. ["nodes", "is_eu", "rules", 0]. */
export function problemsUnder(problems: readonly Problem[], prefix: readonly (string | number)[]): Problem[] {
  return problems.filter((p) => prefix.every((step, i) => p.path[i] === step));
}

/** Errors first, then warnings, each in the checker's order. */
export function bySeverity(problems: readonly Problem[]): Problem[] {
  return [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity !== 'error')];
}

/** Where in the node a problem sits, in words ("Rule 2", "Processor 1", "Cascade"), or null for the node itself. */
export function placeOf(problem: Problem): string | null {
  const [, , part, index] = problem.path;
  if (part === 'rules' && typeof index === 'number') return `Rule ${index + 1}`;
  if (part === 'processors' && typeof index === 'number') return `Processor ${index + 1}`;
  if (part === 'processors') return 'Processors';
  if (part === 'cascade') return 'Cascade';
  if (part === 'modifiers') return 'Modifiers';
  return null;
}
