import { METADATA_PREFIX } from '../catalog/builtin';
import type { Rule } from '../scheme/schema';
import { ALL_METADATA } from './redaction';

/**
 * Redacted fields that rules read: a replay of recorded traffic decides those payments as if the
 * field were missing, so the account is warned. `readers` are the places rules live (scheme drafts,
 * the active version, filters) and the account's own attributes (which exist for rules to read).
 */
export interface RuleReader {
  /** E.g. `scheme "EU cards" (draft)`, `filter "High risk"`, `custom attribute metadata.tier`. */
  label: string;
  /** The attributes it reads. */
  attributes: ReadonlySet<string>;
}

export function redactionConflicts(fields: readonly string[], readers: readonly RuleReader[]): string[] {
  const warnings: string[] = [];
  for (const field of fields) {
    const covers = (attribute: string) => (field === ALL_METADATA ? attribute.startsWith(METADATA_PREFIX) : attribute === field);
    const by = readers.filter((reader) => [...reader.attributes].some(covers)).map((reader) => reader.label);
    if (by.length === 0) continue;
    const names = [...new Set(readers.flatMap((reader) => [...reader.attributes].filter(covers)))].sort();
    warnings.push(
      `${field} is read by ${by.join(', ')}${field === ALL_METADATA ? ` (${names.join(', ')})` : ''}: recorded payments keep no value for it, so a replay decides them as if it were missing.`,
    );
  }
  return warnings;
}

/** Attributes named by rules (filter references are followed by the filter's own reader). */
export function attributesOfRules(rules: readonly Rule[]): Set<string> {
  const found = new Set<string>();
  for (const rule of rules) if ('attribute' in rule) found.add(rule.attribute);
  return found;
}

/** Attributes the conditions of a scheme document read; a draft may be unfinished, so its shape is not trusted. */
export function attributesOfDocument(document: unknown): Set<string> {
  const found = new Set<string>();
  const nodes = (document as { nodes?: unknown } | null)?.nodes;
  if (!nodes || typeof nodes !== 'object') return found;
  for (const node of Object.values(nodes as Record<string, unknown>)) {
    const rules = (node as { type?: unknown; rules?: unknown } | null)?.rules;
    if (!Array.isArray(rules)) continue;
    for (const rule of rules) {
      const attribute = (rule as { attribute?: unknown } | null)?.attribute;
      if (typeof attribute === 'string') found.add(attribute);
    }
  }
  return found;
}
