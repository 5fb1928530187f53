/**
 * What changed between two published versions outside their documents: the shared filters and
 * processor routes each version was published with (versions keep a copy of both). A condition that
 * names a filter, or a strategy that names a route, decides differently when that copy changed even
 * though the document did not.
 */
import type { Filter, ProcessorRoute } from '../engine/types';
import type { Rule } from './schema';

export interface ReferenceChange {
  kind: 'filter' | 'route';
  id: string;
  /** The name in the newer version (the older one's when it was removed). */
  name: string;
  change: 'added' | 'removed' | 'changed';
  /** For a change: what changed, one line each ("match all → any", "rule added: Amount > 100"). */
  details: string[];
}

export interface Snapshot {
  filters: readonly Filter[];
  routes: readonly ProcessorRoute[];
}

/** A rule as a reader sees it; the caller passes the catalog's words, the default is its JSON. */
export type DescribeRule = (rule: Rule) => string;

export function diffSnapshots(before: Snapshot, after: Snapshot, describe: DescribeRule = (r) => JSON.stringify(r)): ReferenceChange[] {
  return [
    ...diffById('filter', before.filters, after.filters, (a, b) => filterDetails(a, b, describe)),
    ...diffById('route', before.routes, after.routes, routeDetails),
  ];
}

function diffById<T extends { id: string; name: string }>(kind: ReferenceChange['kind'], before: readonly T[], after: readonly T[], details: (a: T, b: T) => string[]): ReferenceChange[] {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  const out: ReferenceChange[] = [];
  for (const [id, b] of now) {
    const a = old.get(id);
    if (!a) out.push({ kind, id, name: b.name, change: 'added', details: [] });
    else {
      const lines = details(a, b);
      if (lines.length > 0) out.push({ kind, id, name: b.name, change: 'changed', details: lines });
    }
  }
  for (const [id, a] of old) if (!now.has(id)) out.push({ kind, id, name: a.name, change: 'removed', details: [] });
  return out.sort((x, y) => x.id.localeCompare(y.id));
}

function filterDetails(a: Filter, b: Filter, describe: DescribeRule): string[] {
  const lines: string[] = [];
  if (a.name !== b.name) lines.push(`renamed “${a.name}” → “${b.name}”`);
  if ((a.match ?? 'all') !== (b.match ?? 'all')) lines.push(`matches ${a.match ?? 'all'} → ${b.match ?? 'all'} of its rules`);
  const key = (r: Rule) => JSON.stringify(r);
  const oldRules = new Set(a.rules.map(key));
  const newRules = new Set(b.rules.map(key));
  for (const r of b.rules) if (!oldRules.has(key(r))) lines.push(`rule added: ${describe(r)}`);
  for (const r of a.rules) if (!newRules.has(key(r))) lines.push(`rule removed: ${describe(r)}`);
  if (lines.length === 0 && a.rules.map(key).join() !== b.rules.map(key).join()) lines.push('rules reordered');
  return lines;
}

function routeDetails(a: ProcessorRoute, b: ProcessorRoute): string[] {
  const lines: string[] = [];
  if (a.name !== b.name) lines.push(`renamed “${a.name}” → “${b.name}”`);
  const added = b.processors.filter((p) => !a.processors.includes(p));
  const removed = a.processors.filter((p) => !b.processors.includes(p));
  if (added.length > 0) lines.push(`processors added: ${added.join(', ')}`);
  if (removed.length > 0) lines.push(`processors removed: ${removed.join(', ')}`);
  if (a.processors.join() !== b.processors.join()) lines.push(`order ${a.processors.join(' → ') || '(none)'} became ${b.processors.join(' → ') || '(none)'}`);
  return lines;
}
