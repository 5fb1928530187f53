import type { Catalog } from '../catalog/types';
import { checkAttributeRule } from '../engine/check/rules';
import type { Filter } from '../engine/types';
import type { Rule } from '../scheme/schema';

export interface RuleIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Everything wrong with a filter's rules in this account, each at its path ("rules.2.value"): attribute
 * rules against the catalog (attribute, operator for its type, value type, domain and shape), filter
 * references against the other filters (exists, not itself, no cycle through other filters).
 */
export function filterRuleIssues(id: string, rules: readonly Rule[], others: readonly Filter[], catalog: Catalog): RuleIssue[] {
  const byId = new Map(others.filter((f) => f.id !== id).map((f) => [f.id, f]));
  const issues: RuleIssue[] = [];
  rules.forEach((rule, i) => {
    if (!('filter' in rule)) {
      issues.push(...checkAttributeRule(rule, ['rules', i], catalog).map(({ path, message }) => ({ path, message })));
      return;
    }
    const path = ['rules', i, 'filter'];
    if (rule.filter === id) issues.push({ path, message: 'A filter cannot use itself.' });
    else if (!byId.has(rule.filter)) issues.push({ path, message: `Unknown filter "${rule.filter}".` });
    else {
      const cycle = pathBackTo(id, rule.filter, byId);
      if (cycle) issues.push({ path, message: `Filters would use each other in a cycle: ${[id, ...cycle].join(' → ')}.` });
    }
  });
  return issues;
}

/** The chain of filter references from `from` that leads back to `target`, if any. */
function pathBackTo(target: string, from: string, byId: ReadonlyMap<string, Filter>): string[] | undefined {
  const seen = new Set<string>();
  const walk = (id: string, trail: string[]): string[] | undefined => {
    if (id === target) return [...trail, id];
    if (seen.has(id)) return undefined;
    seen.add(id);
    for (const rule of byId.get(id)?.rules ?? []) {
      if ('filter' in rule) {
        const found = walk(rule.filter, [...trail, id]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(from, []);
}

/** The filters a filter's rules name directly. */
export const referencedFilters = (rules: readonly Rule[]): string[] => rules.flatMap((r) => ('filter' in r ? [r.filter] : []));
