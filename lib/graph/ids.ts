import { NodeIdSchema, type SchemeDocument } from '../scheme/schema';

const MAX_ID_LENGTH = 128;

/**
 * Every id the document mentions: node keys, layout keys, the start and every branch target. A new
 * node never takes one of these, so it cannot silently pick up a dangling branch or an old position.
 */
export function usedIds(doc: SchemeDocument): Set<string> {
  const used = new Set<string>([doc.start, ...Object.keys(doc.nodes), ...Object.keys(doc.layout ?? {})]);
  for (const node of Object.values(doc.nodes)) {
    if (node.type !== 'condition') continue;
    if (node.then !== undefined) used.add(node.then);
    if (node.else !== undefined) used.add(node.else);
  }
  return used;
}

/** `cond_` for conditions, `strat_` for strategies. */
export function idPrefix(type: 'condition' | 'strategy'): string {
  return type === 'condition' ? 'cond_' : 'strat_';
}

/** The smallest `${prefix}${n}` (n ≥ 1) not in `used`. */
export function freshId(used: ReadonlySet<string>, prefix: string): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!used.has(id)) return id;
  }
}

/**
 * The id a pasted node gets: its own when free, else `${stem}_${n}` with the smallest n ≥ 2 that is
 * free, where the stem is the id without a trailing `_<digits>` (so copies of `is_eu_2` are `is_eu_3`,
 * not `is_eu_2_2`), cut so the result stays a valid id.
 */
export function copyId(used: ReadonlySet<string>, original: string): string {
  if (!used.has(original)) return original;
  const stem = original.replace(/_\d+$/, '') || original;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const id = `${stem.slice(0, MAX_ID_LENGTH - suffix.length)}${suffix}`;
    if (!used.has(id)) return id;
  }
}

export function isValidNodeId(id: string): boolean {
  return NodeIdSchema.safeParse(id).success;
}
