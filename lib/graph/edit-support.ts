/** Checks and helpers shared by the edit operations and the clipboard. */
import { SchemeNodeSchema, type SchemeNode } from '../scheme/schema';
import type { Refusal, RefusalCode, XYPosition } from './types';

export function refuse(code: RefusalCode, reason: string): Refusal {
  return { ok: false, code, reason };
}

/** A node checked against the schema, as a fresh copy; or the first problem, with its path. */
export function validateNode(node: unknown): { ok: true; node: SchemeNode } | Refusal {
  const parsed = SchemeNodeSchema.safeParse(node);
  if (parsed.success) return { ok: true, node: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return refuse('invalid_node', `${where}${issue.message}`);
}

export function isPosition(value: XYPosition): boolean {
  return Number.isFinite(value.x) && Number.isFinite(value.y);
}

/**
 * The first node, in the given order, that none of the given nodes branches to; else the first.
 * Used to pick a start when the old one is gone or there was none.
 */
export function firstRoot(entries: [string, SchemeNode][]): string | undefined {
  const targets = new Set<string>();
  for (const [, node] of entries) {
    if (node.type !== 'condition') continue;
    if (node.then !== undefined) targets.add(node.then);
    if (node.else !== undefined) targets.add(node.else);
  }
  return (entries.find(([id]) => !targets.has(id)) ?? entries[0])?.[0];
}
