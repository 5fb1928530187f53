import { METADATA_PREFIX } from '../catalog/builtin';
import type { AttributeSpec, Catalog } from '../catalog/types';

/**
 * The attribute picker's search: the catalog grouped by category (in catalog order, custom attributes
 * in their own group), filtered by every word of the query against name, label, description and group,
 * plus a free `metadata.<key>` entry for keys the catalog cannot list.
 */
export interface AttributeGroup {
  group: string;
  attributes: AttributeSpec[];
}

/**
 * 0 when every word is in the name or label, 1 when some are only in the description or group,
 * undefined when a word is nowhere.
 */
function score(spec: AttributeSpec, words: readonly string[]): number | undefined {
  const title = `${spec.name} ${spec.label}`.toLowerCase();
  const rest = `${spec.description} ${spec.group}`.toLowerCase();
  let result = 0;
  for (const w of words) {
    if (title.includes(w)) continue;
    if (!rest.includes(w)) return undefined;
    result = 1;
  }
  return result;
}

/**
 * Groups in catalog order, except that a query puts the groups with the best matches first, and
 * within a group attributes matched by name or label before those matched only by description.
 */
export function searchAttributes(catalog: Catalog, query: string): AttributeGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<string, { best: number; scored: { spec: AttributeSpec; score: number }[] }>();
  for (const spec of catalog.list()) {
    const s = score(spec, words);
    if (s === undefined) continue;
    const group = groups.get(spec.group) ?? { best: s, scored: [] };
    group.best = Math.min(group.best, s);
    group.scored.push({ spec, score: s });
    groups.set(spec.group, group);
  }
  return [...groups]
    .map(([group, { best, scored }], order) => ({ group, best, order, attributes: scored.sort((a, b) => a.score - b.score).map((x) => x.spec) }))
    .sort((a, b) => a.best - b.best || a.order - b.order)
    .map(({ group, attributes }) => ({ group, attributes }));
}

/**
 * The metadata attribute a query stands for: "metadata.order_ref" or a bare key "order_ref" offer
 * `metadata.order_ref`, unless the catalog already lists that name. Undefined when the key is not a
 * valid metadata key (letters, digits, _ and -).
 */
export function metadataCandidate(catalog: Catalog, query: string): AttributeSpec | undefined {
  const trimmed = query.trim();
  const key = trimmed.startsWith(METADATA_PREFIX) ? trimmed.slice(METADATA_PREFIX.length) : trimmed;
  if (key === '') return undefined;
  const name = `${METADATA_PREFIX}${key}`;
  if (catalog.list().some((spec) => spec.name === name)) return undefined;
  return catalog.get(name);
}

/** The picker's options in display order, flattened: what arrow keys move through. */
export function pickerOptions(catalog: Catalog, query: string): AttributeSpec[] {
  const listed = searchAttributes(catalog, query).flatMap((g) => g.attributes);
  const metadata = metadataCandidate(catalog, query);
  return metadata ? [...listed, metadata] : listed;
}
