import { neededFields, NEEDS_COUNTRY, NEEDS_CURRENCY, NEEDS_METHOD, type FieldMasks, type ProcessorIndex } from '../processors';
import { choiceFor, LeafChoices, MAX_PATTERN_PROCESSORS, patternOf, type Choice } from './choices';
import { literal } from './literal';
import { flagsFromMask, type Leaf } from './leaves';

/**
 * What the generated decide (codegen.ts) needs from one processor set to choose at a leaf, built once
 * per set: eligibility precomputed per (currency, method, country) class.
 *
 * Per field, the codes the set's processors list fall into classes: codes accepted by exactly the same
 * processors share a class, and every other value (or none) is class 0, accepted by the processors that
 * do not restrict the field. Leaves with the same processors, weights, order and cap form a group; per
 * group a table maps the class index (over the fields its active processors restrict) to its
 * candidates (direct, priority) or its Choice (weight, random), filled the first time a payment of that
 * class reaches the group. So a decision maps each needed field to its class, indexes the table and,
 * for a weighted leaf, hashes: the same choice as the mask path (`eligibleMask` + `LeafChoices`), which
 * codegen.test.ts and choices.test.ts check.
 */

/**
 * Leaves grouped by what their choice depends on (processors, weights, order, cap), so leaves alike share
 * their class tables. A leaf is grouped the first time its code is generated.
 */
export class LeafGroups {
  /** One leaf of each group. */
  readonly leaves: Leaf[] = [];
  private readonly groupOfLeaf: Int32Array;
  private readonly bySignature = new Map<string, number>();

  constructor(all: readonly Leaf[]) {
    this.groupOfLeaf = new Int32Array(all.length).fill(-1);
  }

  /** The group of a leaf that routes (not a refusal). */
  groupOf(leaf: Leaf): number {
    const known = this.groupOfLeaf[leaf.index]!;
    if (known >= 0) return known;
    const signature = JSON.stringify([leaf.ordering, leaf.cap, leaf.processorIds, leaf.weights]);
    let group = this.bySignature.get(signature);
    if (group === undefined) {
      group = this.leaves.length;
      this.leaves.push(leaf);
      this.bySignature.set(signature, group);
    }
    this.groupOfLeaf[leaf.index] = group;
    return group;
  }
}

/** Candidates (listed strategies) or the Choice (weighted) of a group for one class index. */
export type ClassEntry = readonly string[] | Choice;

/** A group's table in one set. The generated code reads `t`, `sc`, `sm`, `sk` only. */
export interface ClassTable {
  /** By class index `cc * sc + mc * sm + kc * sk`; holes are classes not met yet. */
  readonly t: (ClassEntry | undefined)[];
  /** Strides of the currency, method and country classes; 0 for a field no active processor restricts. */
  readonly sc: number;
  readonly sm: number;
  readonly sk: number;
  readonly leaf: Leaf;
  readonly positions: Int32Array;
  readonly choices: LeafChoices | null;
}

export interface SetRuntime {
  /** By group, made on first use (`t[g] || table(g)`): groups appear as code is generated. */
  readonly t: ClassTable[];
  readonly table: (group: number) => ClassTable;
  /**
   * The class of a transaction value, per field (country: the value eligibility uses): raw (`cc`, `mc`,
   * `kc`), or already normalised as eligibility normalises the field (`cn`, `mn`, `kn`).
   */
  readonly cc: ClassOf;
  readonly mc: ClassOf;
  readonly kc: ClassOf;
  readonly cn: ClassOf;
  readonly mn: ClassOf;
  readonly kn: ClassOf;
  /** Fills a table's entry for these classes and returns it. */
  readonly miss: (table: ClassTable, cc: number, mc: number, kc: number) => ClassEntry;
}

type ClassOf = (value: unknown) => number;

interface FieldClasses {
  readonly classOf: ClassOf;
  readonly classOfNormalised: ClassOf;
  /** By class: the processors accepting it. */
  readonly masks: readonly Int32Array[];
}

/** Codes accepted by the same processors share a class; class 0 is any other value, or none. */
function fieldClasses(field: FieldMasks): FieldClasses {
  const masks: Int32Array[] = [field.unrestricted];
  const byMask = new Map<string, number>();
  const classOfCode = new Map<string, number>();
  for (const [code, mask] of field.byCode) {
    if (code === '') continue; // an empty value is never a code (eligibility reads it as missing)
    const key = mask.join(',');
    let n = byMask.get(key);
    if (n === undefined) {
      n = masks.length;
      masks.push(mask);
      byMask.set(key, n);
    }
    classOfCode.set(code, n);
  }
  const [classOf, classOfNormalised] = classFunctions(classOfCode, field.normalise);
  return { classOf, classOfNormalised, masks };
}

/**
 * The class of a raw value and of a normalised one: a `switch` over the codes (JSON literals),
 * generated once per set and field; Map lookups where code generation is unavailable.
 */
function classFunctions(classOfCode: ReadonlyMap<string, number>, normalise: (s: string) => string): [ClassOf, ClassOf] {
  const byClass = new Map<number, string[]>();
  for (const [code, n] of classOfCode) byClass.set(n, [...(byClass.get(n) ?? []), code]);
  const cases = [...byClass].map(([n, codes]) => `${codes.map((code) => `case ${literal(code)}:`).join(' ')} return ${n};`).join('\n');
  try {
    return new Function('N', [
      '"use strict";',
      `function normalised(s) {\nswitch (s) {\n${cases}\n}\nreturn 0;\n}`,
      'return [function raw(s) { return typeof s === "string" ? normalised(N(s)) : 0; }, normalised];',
    ].join('\n'))(normalise) as [ClassOf, ClassOf];
  } catch {
    const normalised: ClassOf = (s) => (typeof s === 'string' ? classOfCode.get(s) ?? 0 : 0);
    return [(raw) => (typeof raw === 'string' ? normalised(normalise(raw)) : 0), normalised];
  }
}

export function setRuntime(groups: LeafGroups, index: ProcessorIndex): SetRuntime {
  const { masks, entries } = index;
  const currency = fieldClasses(masks.currency);
  const method = fieldClasses(masks.method);
  const country = fieldClasses(masks.country);
  const tables: ClassTable[] = [];
  const table = (group: number): ClassTable => {
    const leaf = groups.leaves[group]!;
    const resolved = leaf.processorIds.map((id) => entries.get(id));
    const positions = Int32Array.from(resolved, (e) => (e === undefined ? -1 : e.position));
    const needs = neededFields(resolved);
    const sk = needs & NEEDS_COUNTRY ? 1 : 0;
    const sm = needs & NEEDS_METHOD ? (sk ? country.masks.length : 1) : 0;
    const sc = needs & NEEDS_CURRENCY ? (sk ? country.masks.length : 1) * (sm ? method.masks.length : 1) : 0;
    const choices = leaf.processorIds.length <= MAX_PATTERN_PROCESSORS ? new LeafChoices(leaf) : null;
    return (tables[group] = { t: [], sc, sm, sk, leaf, positions, choices });
  };
  const scratch = new Int32Array(masks.words);
  const active = masks.active;
  return {
    t: tables,
    table,
    cc: currency.classOf,
    mc: method.classOf,
    kc: country.classOf,
    cn: currency.classOfNormalised,
    mn: method.classOfNormalised,
    kn: country.classOfNormalised,
    miss: (table, cc, mc, kc) => {
      const c = currency.masks[cc]!;
      const m = method.masks[mc]!;
      const k = country.masks[kc]!;
      for (let w = 0; w < scratch.length; w++) scratch[w] = active[w]! & c[w]! & m[w]! & k[w]!;
      let choice: Choice;
      if (table.choices !== null) choice = table.choices.at(patternOf(table.positions, scratch));
      else {
        const flags = flagsFromMask(table.positions, scratch);
        choice = choiceFor(table.leaf, (i) => flags[i] === 1);
      }
      const entry = table.leaf.ordering === 'listed' ? choice.candidates : choice;
      table.t[cc * table.sc + mc * table.sm + kc * table.sk] = entry;
      return entry;
    },
  };
}
