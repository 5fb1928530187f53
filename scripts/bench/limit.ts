import type { Catalog } from '../../lib/catalog/types';
import { hashPrefix, hashWithPrefix, transactionKey } from '../../lib/engine/hash';
import { toLower, toUpper } from '../../lib/engine/plan/normalise';
import type { Decision, PathStep, Processor } from '../../lib/engine/types';
import type { AttributeRule, ConditionNode, SchemeDocument, StrategyNode } from '../../lib/scheme/schema';

/**
 * The limit the engine is measured against: JavaScript generated for ONE scheme and ONE processor set
 * that returns the full decision, exactly as plan.decide does (the bench compares them on every
 * transaction before timing). It knows everything in advance, so it does only what must be done:
 * - each attribute is read once, as an own property, where the path first needs it (a condition reading
 *   it, or a leaf whose processors restrict it), and normalised once (strings) or reduced to a number or
 *   NaN (numbers); what a path has read travels into the subtree functions as arguments;
 * - the conditions are one tree of if/else; each leaf knows its whole path and writes it as one array
 *   literal; subtrees beyond SUBTREE_CONDITIONS conditions become their own functions (an optimiser
 *   gives up on giant functions), called with the values read;
 * - eligibility is precomputed per (currency, method, country) class for each leaf: each field's value is
 *   mapped to its class by a switch over the codes processors list (any other value, or none, is class 0),
 *   and the leaf looks up its candidate list; a weight or random leaf looks up, per class, the eligible
 *   weights and the candidate list for each possible pick;
 * - only the decision, its path and its candidates are allocated.
 * Scheme values reach the source only as JSON literals. Bench-only: the operators and attribute types of
 * the bench's workload (it throws on anything else).
 */

const SUBTREE_CONDITIONS = 40;

type Field = 'currency' | 'method' | 'country';
const FIELDS: readonly Field[] = ['currency', 'method', 'country'];
const CLASS_LOCAL: Record<Field, string> = { currency: 'cc', method: 'mc', country: 'kc' };

/** Per class of one leaf: the candidate list (listed order), or the weighted picks and their lists. */
interface ClassEntry {
  readonly candidates: readonly string[];
  readonly weights: readonly number[];
  readonly total: number;
  readonly lists: readonly (readonly string[])[];
}

function literal(value: unknown): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Codes listed by some processor, per field, each with its class number (1..n; 0 = any other value). */
function fieldClasses(processors: readonly Processor[]): Record<Field, Map<string, number>> {
  const lists: Record<Field, (p: Processor) => readonly string[]> = {
    currency: (p) => p.currencies.map(toUpper), method: (p) => p.payment_methods.map(toLower), country: (p) => p.countries.map(toUpper),
  };
  const out = {} as Record<Field, Map<string, number>>;
  for (const field of FIELDS) {
    const codes = new Map<string, number>();
    for (const p of processors) for (const code of lists[field](p)) if (!codes.has(code)) codes.set(code, codes.size + 1);
    out[field] = codes;
  }
  return out;
}

interface ProcessorInfo {
  active: boolean;
  currencies: Set<string> | null;
  methods: Set<string> | null;
  countries: Set<string> | null;
}

export function buildLimit(doc: SchemeDocument, processorList: readonly Processor[], catalog: Catalog): (tx: unknown) => Decision {
  const byId = new Map<string, ProcessorInfo>();
  for (const p of processorList) {
    if (byId.has(p.id)) continue;
    const set = (list: readonly string[], n: (s: string) => string) => (list.length ? new Set(list.map(n)) : null);
    byId.set(p.id, { active: p.status === 'active', currencies: set(p.currencies, toUpper), methods: set(p.payment_methods, toLower), countries: set(p.countries, toUpper) });
  }
  const classes = fieldClasses(processorList);
  const codesOf = (field: Field) => [undefined, ...classes[field].keys()];

  const constants: unknown[] = [];
  const constant = (value: unknown): string => {
    constants.push(value);
    return `K${constants.length - 1}`;
  };

  // ---- values read once per decision, where a path first needs them: name → expression and what it reads from
  /** Values the condition being generated uses. */
  let used: Set<string> | null = null;
  const reads = new Map<string, { name: string; code: string; deps: string[] }>();
  const byName = new Map<string, { name: string; code: string; deps: string[] }>();
  const raw = (path: string): string => {
    const existing = reads.get(`raw:${path}`);
    if (existing) return existing.name;
    const dot = path.lastIndexOf('.');
    const parent = dot < 0 ? 't' : raw(path.slice(0, dot));
    const key = literal(path.slice(dot + 1));
    const name = `r${reads.size}`;
    const entry = {
      name, deps: dot < 0 ? [] : [parent],
      code: `(o = ${parent}, typeof o === "object" && o !== null && ((x = o[${key}]) === undefined || (getPrototypeOf(o) === ObjectPrototype && !(${key} in ObjectPrototype)) || hasOwn.call(o, ${key})) ? x : undefined)`,
    };
    reads.set(`raw:${path}`, entry);
    byName.set(name, entry);
    return name;
  };
  const value = (attribute: string): { name: string; kind: string; normalise: (s: string) => string } => {
    const spec = catalog.get(attribute);
    if (spec === undefined || spec.derived) throw new Error(`limit: attribute ${attribute} is not supported`);
    const kind = spec.type === 'number' || spec.type === 'integer' || spec.type === 'boolean' ? spec.type : spec.type === 'string_list' ? 'list' : 'string';
    if (kind === 'list') throw new Error(`limit: attribute ${attribute} is not supported`);
    const normalise = spec.normalise === 'upper' ? toUpper : spec.normalise === 'lower' ? toLower : (s: string) => s;
    const key = `value:${attribute}`;
    let entry = reads.get(key);
    if (entry === undefined) {
      const r = raw(attribute);
      const name = `v${reads.size}`;
      const code = kind === 'number' ? `typeof ${r} === "number" && ${r} - ${r} === 0 ? ${r} : NaN`
        : kind === 'integer' ? `Number.isInteger(${r}) ? ${r} : NaN`
          : kind === 'boolean' ? r
            : `typeof ${r} === "string" ? ${spec.normalise === 'upper' ? 'toUpper' : spec.normalise === 'lower' ? 'toLower' : ''}(${r}) : undefined`;
      reads.set(key, (entry = { name, code, deps: [r] }));
      byName.set(name, entry);
    }
    used?.add(entry.name);
    return { name: entry.name, kind, normalise };
  };

  const ruleCode = (rule: AttributeRule): string => {
    const v = value(rule.attribute);
    const x = rule.value;
    const scalar = (item: unknown): string => {
      if (v.kind === 'string') {
        if (typeof item !== 'string') throw new Error('limit: non-string value');
        return literal(v.normalise(item));
      }
      if (v.kind === 'boolean' ? typeof item !== 'boolean' : typeof item !== 'number' || !Number.isFinite(item)) throw new Error('limit: value of the wrong type');
      return literal(item as number | boolean);
    };
    const anyOf = () => `(${(x as unknown[]).map((item) => `${v.name} === ${scalar(item)}`).join(' || ') || 'false'})`;
    switch (rule.operator) {
      case 'eq': return `${v.name} === ${scalar(x)}`;
      case 'neq': return `${v.name} !== ${scalar(x)}`;
      case 'in': return anyOf();
      case 'not_in': return `!${anyOf()}`;
      case 'gt': return `${v.name} > ${scalar(x)}`;
      case 'gte': return `${v.name} >= ${scalar(x)}`;
      case 'lt': return `${v.name} < ${scalar(x)}`;
      case 'lte': return `${v.name} <= ${scalar(x)}`;
      case 'between': {
        const [lo, hi] = x as [number, number];
        return `(${v.name} >= ${scalar(lo)} && ${v.name} <= ${scalar(hi)})`;
      }
      default: throw new Error(`limit: unsupported operator ${rule.operator}`);
    }
  };

  // The eligibility fields, read like the engine: currency, payment method, card issuer country else customer country.
  const currency = value('currency').name;
  const method = value('payment_method').name;
  const issuer = value('card.issuer_country').name;
  const customerCountry = value('customer.country').name;
  const fieldValue: Record<Field, string> = { currency, method, country: 'country' };
  if (catalog.get('currency')?.normalise !== 'upper' || catalog.get('payment_method')?.normalise !== 'lower'
    || catalog.get('card.issuer_country')?.normalise !== 'upper' || catalog.get('customer.country')?.normalise !== 'upper') {
    throw new Error('limit: eligibility fields must normalise as the builtin catalog does');
  }

  // ---- leaves: per (strategy, processors, cap), a table of class entries over the fields its processors restrict
  type Table = { name: string; index: string; needs: Field[] };
  const tables = new Map<string, Table>();
  const tableOf = (node: StrategyNode): Table => {
    const weighted = node.strategy === 'weight' || node.strategy === 'random';
    const pairs: [string, number][] = [];
    if (node.strategy === 'weight') {
      const sums = new Map<string, number>();
      for (const item of node.processors) sums.set(item.processor, (sums.get(item.processor) ?? 0) + (Number.isFinite(item.weight) && item.weight > 0 ? item.weight : 0));
      pairs.push(...sums);
    } else if (node.strategy === 'random') for (const id of new Set(node.processors)) pairs.push([id, 1]);
    else if (node.strategy === 'direct') pairs.push([node.processors[0]!, 1]);
    else if (node.strategy === 'priority') {
      for (const id of new Set(node.processors as string[])) {
        if (typeof id !== 'string') throw new Error('limit: routes are not supported');
        pairs.push([id, 1]);
      }
    }
    const cap = Math.max(1, Math.floor(node.strategy === 'blank' ? 1 : node.cascade?.max_attempts ?? 1));
    const key = JSON.stringify([node.strategy, pairs, cap]);
    const existing = tables.get(key);
    if (existing) return existing;
    const infos = pairs.map(([id]) => byId.get(id));
    const needs = FIELDS.filter((f) => infos.some((p) => p?.active && (f === 'currency' ? p.currencies : f === 'method' ? p.methods : p.countries) !== null));
    const ids = pairs.map(([id]) => id);
    const weights = pairs.map(([, w]) => w);
    const fallback = ids.map((_, i) => i).sort((a, b) => weights[b]! - weights[a]! || a - b);
    // Classes with the same eligible processors share one entry: a table is a class → entry index map.
    const entries: ClassEntry[] = [];
    const entryOf = new Map<string, number>();
    const combos = needs.reduce<(string | undefined)[][]>((acc, f) => acc.flatMap((combo) => codesOf(f).map((c) => [...combo, c])), [[]]);
    const index = new Uint8Array(combos.length);
    combos.forEach((combo, comboIndex) => {
      const fields: Record<Field, string | undefined> = { currency: undefined, method: undefined, country: undefined };
      needs.forEach((f, i) => { fields[f] = combo[i]; });
      const ok = infos.map((p) => p !== undefined && p.active
        && (p.currencies === null || (fields.currency !== undefined && p.currencies.has(fields.currency)))
        && (p.methods === null || (fields.method !== undefined && p.methods.has(fields.method)))
        && (p.countries === null || (fields.country !== undefined && p.countries.has(fields.country))));
      const okKey = ok.map(Number).join('');
      const known = entryOf.get(okKey);
      if (known !== undefined) {
        index[comboIndex] = known;
        return;
      }
      entryOf.set(okKey, entries.length);
      index[comboIndex] = entries.length;
      if (!weighted) {
        entries.push({ candidates: ids.filter((_, i) => ok[i]).slice(0, cap), weights: [], total: 0, lists: [] });
        return;
      }
      const picks = ids.map((_, i) => i).filter((i) => ok[i] && weights[i]! > 0);
      let total = 0;
      for (const i of picks) total += weights[i]!;
      const listFor = (chosen: number): string[] => {
        const order = node.strategy === 'random' ? ids.map((_, k) => (chosen + 1 + k) % ids.length) : fallback;
        const out = chosen >= 0 ? [chosen] : [];
        for (const i of order) if (out.length < cap && i !== chosen && ok[i]) out.push(i);
        return out.map((i) => ids[i]!);
      };
      entries.push({ candidates: listFor(-1), weights: picks.map((i) => weights[i]!), total, lists: picks.map(listFor) });
    });
    const table = { name: constant(entries), index: constant(index), needs };
    tables.set(key, table);
    return table;
  };
  /** The class index expression of a table over `needs` (row-major over the fields' classes). */
  const classIndex = (needs: readonly Field[]): string => {
    let code = '';
    for (const f of needs) {
      const term = CLASS_LOCAL[f];
      code = code === '' ? term : `(${code}) * ${classes[f].size + 1} + ${term}`;
    }
    return code || '0';
  };

  // ---- the tree, split into functions of at most SUBTREE_CONDITIONS conditions each
  const functions: string[] = [];
  const pending: { id: string; steps: string[]; have: string[] }[] = [];
  const stepNames = new Map<string, string>();
  const step = (id: string, result: boolean): string => {
    const key = `${result}:${id}`;
    let name = stepNames.get(key);
    if (name === undefined) stepNames.set(key, (name = constant(Object.freeze({ node: id, result }) as PathStep)));
    return name;
  };
  /** Statements reading `names` (and what they read from) that `have` lacks; adds them to `have`. */
  const readsFor = (names: Iterable<string>, have: Set<string>): string => {
    let code = '';
    const need = (name: string) => {
      if (have.has(name)) return;
      const entry = byName.get(name)!;
      entry.deps.forEach(need);
      have.add(name);
      code += `const ${name} = ${entry.code};\n`;
    };
    for (const name of names) need(name);
    return code;
  };
  const leafCode = (id: string, node: StrategyNode, steps: readonly string[], have: Set<string>): string => {
    const modifiers = constant(Object.freeze({ ...node.modifiers }));
    const path = `[${steps.join(', ')}]`;
    const common = (candidates: string) => `candidates: ${candidates}, strategy: ${literal(node.strategy)}, node: ${literal(id)}, path: ${path}, modifiers: ${modifiers}`;
    if (node.strategy === 'blank') {
      return `return { outcome: "blocked", processor: null, ${common('[]')}, reason: ${literal(node.reason ?? `blocked by strategy "${id}"`)} };\n`;
    }
    const table = tableOf(node);
    const noRoute = `return { outcome: "no_route", processor: null, ${common('[]')}, reason: ${literal(`no eligible processor for strategy "${id}"`)} };\n`;
    const entry = table.needs.length === 0 ? `${table.name}[0]` : `${table.name}[${table.index}[${classIndex(table.needs)}]]`;
    // The eligibility fields this leaf's processors restrict, read here unless the path read them.
    let classes = '';
    for (const f of table.needs) {
      if (f === 'country') {
        classes += readsFor([issuer, customerCountry], have);
        classes += `const kc = countryClass(${issuer} !== undefined && ${issuer} !== "" ? ${issuer} : ${customerCountry});\n`;
      } else {
        classes += readsFor([fieldValue[f]], have);
        classes += `const ${CLASS_LOCAL[f]} = ${f}Class(${fieldValue[f]});\n`;
      }
    }
    const pick = node.strategy === 'weight' || node.strategy === 'random'
      ? `c = pick(${entry}, tx, ${literal(hashPrefix(id))});\n`
      : `c = ${entry}.candidates;\n`;
    return `${classes}${pick}if (c.length === 0) ${noRoute}return { outcome: "route", processor: c[0], ${common('c.slice()')} };\n`;
  };
  const callOf = (id: string, steps: string[], have: Set<string>): string => {
    pending.push({ id, steps, have: [...have] });
    return `return f${pending.length - 1}(${['tx', ...have].join(', ')});\n`;
  };

  const emitFunction = (entryId: string, prefix: string[], had: readonly string[]): string => {
    // Breadth first from the entry: the top SUBTREE_CONDITIONS conditions of the subtree stay in this function.
    const inside = new Set<string>();
    const queue = [entryId];
    for (let i = 0; i < queue.length && inside.size < SUBTREE_CONDITIONS; i++) {
      const node = doc.nodes[queue[i]!]!;
      if (node.type !== 'condition') continue;
      inside.add(queue[i]!);
      queue.push(node.then!, node.else!);
    }
    const emit = (id: string, steps: string[], have: Set<string>): string => {
      const node = doc.nodes[id];
      if (node === undefined) throw new Error(`limit: dangling branch to ${id}`);
      if (node.type === 'strategy') return leafCode(id, node, steps, new Set(have));
      if (!inside.has(id)) return callOf(id, steps, have);
      const c = node as ConditionNode;
      const joiner = c.match === 'any' ? ' || ' : ' && ';
      used = new Set();
      const test = c.rules.map((r) => {
        if ('filter' in r) throw new Error('limit: filters are not supported');
        return `(${ruleCode(r)})`;
      }).join(joiner) || (c.match === 'any' ? 'false' : 'true');
      const below = new Set(have);
      const read = readsFor(used, below);
      used = null;
      return `${read}if (${test}) {\n${emit(c.then!, [...steps, step(id, true)], below)}} else {\n${emit(c.else!, [...steps, step(id, false)], below)}}\n`;
    };
    return emit(entryId, prefix, new Set(had));
  };

  const rootBody = emitFunction(doc.start, [], []);
  for (let i = 0; i < pending.length; i++) {
    const { id, steps, have } = pending[i]!;
    const body = emitFunction(id, steps, have);
    functions.push(`function f${i}(${['tx', ...have].join(', ')}) {\nconst t = tx;\nlet o, x, c;\n${body}}\n`);
  }
  const classSwitch = (field: Field) => {
    const cases = [...classes[field]].map(([code, n]) => `case ${literal(code)}: return ${n};`).join(' ');
    return `function ${field}Class(s) { switch (s) { ${cases} default: return 0; } }`;
  };
  const source = [
    '"use strict";',
    'const ObjectPrototype = Object.prototype, hasOwn = ObjectPrototype.hasOwnProperty, getPrototypeOf = Object.getPrototypeOf;',
    'const { toUpper, toLower, hashWithPrefix, transactionKey } = H;',
    constants.length ? `const ${constants.map((_, i) => `K${i} = K[${i}]`).join(', ')};` : '',
    ...FIELDS.map(classSwitch),
    // A weighted pick exactly as the engine makes it: subtract the eligible weights in listed order.
    'function pick(e, tx, seed) {',
    '  const n = e.weights.length;',
    '  if (n === 0) return e.candidates;',
    '  if (n === 1) return e.lists[0];',
    '  let point = (hashWithPrefix(seed, transactionKey(tx)) / 4294967296) * e.total;',
    '  let j = 0;',
    '  for (; j < n - 1; j++) { point -= e.weights[j]; if (point < 0) break; }',
    '  return e.lists[j];',
    '}',
    ...functions,
    'return function limit(tx) {',
    'const t = typeof tx === "object" && tx !== null ? tx : EMPTY;',
    'let o, x, c;',
    rootBody,
    '};',
  ].join('\n');
  const factory = new Function('K', 'H', 'EMPTY', source);
  return factory(constants, { toUpper, toLower, hashWithPrefix, transactionKey }, Object.freeze(Object.create(null))) as (tx: unknown) => Decision;
}
