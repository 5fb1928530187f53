import type { Decision } from '../types';
import { pickCandidates } from './choices';
import { literal } from './literal';
import { layoutFunctions, stepsAfter, withStep, type GeneratedFunction, type Layout, type Steps } from './functions';
import type { Leaf } from './leaves';
import type { Condition, PlanNode } from './nodes';
import { toLower, toUpper, unchanged } from './normalise';
import { listOf, stringSet } from './operators';
import type { CompiledRule, RuleShape } from './rules';
import type { LeafGroups, SetRuntime } from './set-runtime';

/**
 * The untraced decision of a plan compiled to JavaScript: the conditions as nested if/else, each leaf
 * returning the whole decision (its path as one array, its candidates from the processor set's class
 * tables, set-runtime.ts). The closure walk with `decideAtLeaf` stays the reference and the traced
 * path; codegen.test.ts checks the two agree on adversarial documents, transactions and processor sets.
 *
 * - Each attribute is read once per decision, as an own property, before the first condition on the
 *   path that uses it, and converted there: a number to itself or NaN, a string to its normalised
 *   form. Later conditions, and the functions called below, use what was read.
 * - The common comparisons are inlined (number ranges, string `eq` / `in` as `===` chains, boolean `eq`,
 *   `exists`); the rest call the rule's closure predicate on the value read.
 * - At a leaf, the eligibility fields its processors restrict in this set are mapped to their classes
 *   (read there unless the path read them), the class index picks the candidates, a weighted leaf
 *   hashes, and the decision is one object literal: only it, its path and its candidates are allocated.
 * - The plan is cut into functions of at most FUNCTION_CONDITIONS conditions (functions.ts). Only the
 *   first is generated when the plan is built; each other is generated the first time a decision
 *   reaches it, so building a large plan costs little and subtrees never reached cost nothing.
 *
 * Safety rule: no string from the document reaches the generated source except as a JSON literal
 * (`literal` below: JSON.stringify plus escaping of U+2028/U+2029). Attribute keys and compared values
 * appear as literals; node ids, reasons, path steps, modifiers, Sets, predicates and readers are passed
 * in the `k` array and referred to by generated names (k12); locals are generated names too.
 */

/** Conditions per generated function; nesting within one is bounded by it too (the parser's stack). */
export const FUNCTION_CONDITIONS = 40;
/**
 * Calls nest at most this deep (the longest chain of functions one decision may go through); a plan
 * that would nest deeper (a very long chain of shared nodes) keeps the closure walk.
 */
const MAX_CALL_DEPTH = 2_000;
/** `in` lists up to this long are a chain of `===`; longer ones a Set lookup. */
const CHAIN_ITEMS = 8;

export type GeneratedDecide = (tx: unknown, runtime: SetRuntime) => Decision;


type AttributeShape = Extract<RuleShape, { type: 'attribute' }>;

/** Number operators written as a JavaScript comparison (a Map: an operator is document text). */
const COMPARISONS: ReadonlyMap<unknown, string> = new Map([['eq', '==='], ['gt', '>'], ['gte', '>='], ['lt', '<'], ['lte', '<=']]);

/** A value read once per decision: `const <name> = <code>;`, after the values it reads from. */
interface Value {
  readonly name: string;
  readonly code: string;
  readonly deps: readonly string[];
  /** Constants the code refers to. */
  readonly constants: readonly string[];
}

/** Helpers every generated function receives. */
const HELPERS = Object.freeze({
  ObjectPrototype: Object.prototype,
  hasOwn: Object.prototype.hasOwnProperty,
  getPrototypeOf: Object.getPrototypeOf,
  isArray: Array.isArray,
  isInteger: Number.isInteger,
  pick: pickCandidates,
});
const PRELUDE = 'const { ObjectPrototype, hasOwn, getPrototypeOf, isArray, isInteger, pick } = H;\n';

/** The raw paths eligibility reads (processors.ts: eligibleMask). */
const CURRENCY = 'currency';
const METHOD = 'payment_method';
const ISSUER_COUNTRY = 'card.issuer_country';
const CUSTOMER_COUNTRY = 'customer.country';

class Generator {
  readonly constants: unknown[] = [];
  private readonly constantNames = new Map<unknown, string>();
  private readonly values = new Map<string, Value>();
  private readonly byName = new Map<string, Value>();
  /** Per function: the values its caller passes (its parameters after tx, S, p). */
  private readonly passed: (readonly string[] | undefined)[] = [];
  /** The function being generated: its chunks and the constants it refers to. */
  private out: string[] = [];
  private used = new Set<string>();
  /** Values used by the condition being written. */
  private reading = new Set<string>();

  constructor(private readonly root: PlanNode, private readonly layout: Layout, private readonly groups: LeafGroups) {}

  /** The source of function `index`: a factory taking (k, F, G, H) and returning the function. */
  functionSource(index: number): string {
    this.out = [];
    this.used = new Set();
    const fn = this.layout.functions[index];
    const params = ['tx', 'S', 'p', ...(this.passed[index] ?? [])];
    if (fn === undefined) this.leafCode(this.root as Leaf, true, null, new Set());
    else this.node(fn.entry, fn, fn.steps !== undefined, fn.steps ?? null, new Set(this.passed[index]));
    const declarations = [...this.used].map((name) => `${name} = k[${name.slice(1)}]`).join(', ');
    return [
      '"use strict";\n',
      PRELUDE,
      declarations ? `const ${declarations};\n` : '',
      `return function f${index}(${params.join(', ')}) {\nlet o, x, y, c, e, cc, mc, kc;\n`,
      this.out.join(''),
      '};',
    ].join('');
  }

  private constant(value: unknown): string {
    let name = this.constantNames.get(value);
    if (name === undefined) {
      name = `k${this.constants.length}`;
      this.constants.push(value);
      this.constantNames.set(value, name);
    }
    return name;
  }

  /** A constant the function being generated refers to. */
  private ref(value: unknown): string {
    const name = this.constant(value);
    this.used.add(name);
    return name;
  }

  /**
   * Statements deciding from `node` on: nested if/else down to leaves or calls. `steps` are the path
   * steps known so far: from the root when `fixed` (static path), since the function began otherwise.
   * `have` holds the values read on the way here.
   */
  private node(node: Condition, fn: GeneratedFunction, fixed: boolean, steps: Steps, have: ReadonlySet<string>): void {
    this.reading = new Set();
    const test = this.join(node.rules, node.match);
    const here = new Set(have);
    this.out.push(this.reads(this.reading, here), `if (${test}) {\n`);
    this.branch(node.yes, fn, fixed, withStep(steps, node.yesStep), here);
    this.out.push('} else {\n');
    this.branch(node.no, fn, fixed, withStep(steps, node.noStep), here);
    this.out.push('}\n');
  }

  private branch(target: PlanNode, fn: GeneratedFunction, fixed: boolean, steps: Steps, have: ReadonlySet<string>): void {
    if (target.kind === 'leaf') return this.leafCode(target, fixed, steps, have);
    if (fn.inside.has(target)) return this.node(target, fn, fixed, steps, have);
    const callee = fn.exits.get(target)!;
    const calleeFunction = this.layout.functions[callee]!;
    const passed = calleeFunction.shared ? [] : [...have];
    this.passed[callee] = passed;
    const path = calleeFunction.steps !== undefined ? 'undefined' : this.pathExpression(fixed, steps);
    this.out.push(`return (F[${callee}] || G(${callee}))(${['tx', 'S', path, ...passed].join(', ')});\n`);
  }

  /** The decision's path as an expression: one array literal when static, else `p` with the steps since. */
  private pathExpression(fixed: boolean, steps: Steps): string {
    const names = stepsAfter(steps).map((step) => this.ref(step)).join(', ');
    if (fixed) return `[${names}]`;
    return steps === null ? 'p' : `(p.push(${names}), p)`;
  }

  /** At a leaf: the whole decision. */
  private leafCode(leaf: Leaf, fixed: boolean, steps: Steps, have: ReadonlySet<string>): void {
    const path = this.pathExpression(fixed, steps);
    const strategy = leaf.strategy === null ? 'null' : literal(leaf.strategy);
    const node = leaf.id === null ? 'null' : this.ref(leaf.id);
    const tail = `strategy: ${strategy}, node: ${node}, path: ${path}, modifiers: ${this.ref(leaf.modifiers)}`;
    if (leaf.refusal !== null) {
      this.out.push(`return { outcome: ${literal(leaf.refusal.outcome)}, processor: null, candidates: [], ${tail}, reason: ${this.ref(leaf.refusal.reason)} };\n`);
      return;
    }
    const group = this.groups.groupOf(leaf);
    // Each field as eligibility reads it: normalised already when the path read it for a rule.
    const currency = this.fieldValue(CURRENCY, toUpper, have);
    const method = this.fieldValue(METHOD, toLower, have);
    const issuer = this.fieldValue(ISSUER_COUNTRY, toUpper, have);
    const customer = this.fieldValue(CUSTOMER_COUNTRY, toUpper, have);
    const usable = issuer.normalised ? 'y !== undefined && y !== ""' : 'typeof y === "string" && y !== ""';
    const country = `(y = ${issuer.code}, ${usable} ? S.k${issuer.normalised ? 'n' : 'c'}(y) : S.k${customer.normalised ? 'n' : 'c'}(${customer.code}))`;
    this.out.push(
      `e = S.t[${group}] || S.table(${group});\n`,
      `cc = e.sc === 0 ? 0 : S.c${currency.normalised ? 'n' : 'c'}(${currency.code});\n`,
      `mc = e.sm === 0 ? 0 : S.m${method.normalised ? 'n' : 'c'}(${method.code});\n`,
      `kc = e.sk === 0 ? 0 : ${country};\n`,
      'c = e.t[cc * e.sc + mc * e.sm + kc * e.sk];\n',
      'if (c === undefined) c = S.miss(e, cc, mc, kc);\n',
      leaf.ordering === 'listed' ? '' : `c = pick(c, tx, ${leaf.hashSeed});\n`,
      `if (c.length === 0) return { outcome: "no_route", processor: null, candidates: [], ${tail}, reason: ${this.ref(leaf.noRouteReason)} };\n`,
      `return { outcome: "route", processor: c[0], candidates: c.slice(), ${tail} };\n`,
    );
  }

  /**
   * An eligibility field at a leaf: its value normalised as eligibility normalises it when the path
   * read it so for a rule, else the raw value (read here unless the path read it).
   */
  private fieldValue(path: string, normalise: (s: string) => string, have: ReadonlySet<string>): { code: string; normalised: boolean } {
    const normalised = this.values.get(`string:${this.rawPath(path)}:${this.constant(normalise)}`);
    if (normalised !== undefined && have.has(normalised.name)) return { code: normalised.name, normalised: true };
    return { code: this.rawExpression(path, have), normalised: false };
  }

  /** Statements reading `names` (and what they read from) that `have` lacks; adds them to `have`. */
  private reads(names: Iterable<string>, have: Set<string>): string {
    let code = '';
    const need = (name: string) => {
      if (have.has(name)) return;
      const value = this.byName.get(name)!;
      value.deps.forEach(need);
      for (const constant of value.constants) this.used.add(constant);
      have.add(name);
      code += `const ${name} = ${value.code};\n`;
    };
    for (const name of names) need(name);
    return code;
  }

  /** The value under `key`, made (after the values it reads from) the first time it is asked for. */
  private value(key: string, prefix: string, make: () => Omit<Value, 'name'>): string {
    let value = this.values.get(key);
    if (value === undefined) {
      const made = make();
      value = { name: `${prefix}${this.values.size}`, ...made };
      this.values.set(key, value);
      this.byName.set(value.name, value);
    }
    return value.name;
  }

  /** The raw value at a dotted path: one segment read from its parent path's value (the transaction for the first). */
  private rawPath(path: string): string {
    return this.value(`raw:${path}`, 'r', () => {
      const dot = path.lastIndexOf('.');
      const parent = dot < 0 ? null : this.rawPath(path.slice(0, dot));
      return { code: ownPropertyExpression(parent ?? 'tx', path.slice(dot + 1)), deps: parent === null ? [] : [parent], constants: [] };
    });
  }

  /** The raw value at `path` as an expression: its name when read on the way here, else read inline. */
  private rawExpression(path: string, have: ReadonlySet<string>): string {
    const name = this.rawPath(path);
    if (have.has(name)) return name;
    const dot = path.lastIndexOf('.');
    return ownPropertyExpression(dot < 0 ? 'tx' : this.rawExpression(path.slice(0, dot), have), path.slice(dot + 1));
  }

  /** The value a rule reads, unconverted: a property path, or a time attribute through its reader. */
  private raw(shape: AttributeShape): string {
    if (!shape.derived) return this.rawPath(shape.attribute);
    return this.value(`derived:${shape.attribute}`, 'd', () => {
      const reader = this.constant(shape.read);
      return { code: `${reader}(tx)`, deps: [], constants: [reader] };
    });
  }

  /** A number attribute's value when it is one of its kind (finite; whole for integers), else NaN. */
  private number(shape: AttributeShape): string {
    const raw = this.raw(shape);
    return this.value(`${shape.kind}:${raw}`, 'v', () => ({
      code: shape.kind === 'integer' ? `isInteger(${raw}) ? ${raw} : NaN` : `typeof ${raw} === "number" && ${raw} - ${raw} === 0 ? ${raw} : NaN`,
      deps: [raw], constants: [],
    }));
  }

  /** A string attribute's normalised value, or undefined when it is not a string. */
  private normalised(shape: AttributeShape): string {
    const raw = this.raw(shape);
    const normalise = this.constant(shape.normalise);
    return this.value(`string:${raw}:${normalise}`, 'n', () => ({
      code: `typeof ${raw} === "string" ? ${normalise}(${raw}) : undefined`, deps: [raw], constants: [normalise],
    }));
  }

  /** A value the condition being written uses. */
  private use(name: string): string {
    this.reading.add(name);
    return name;
  }

  private join(rules: readonly CompiledRule[], match: 'all' | 'any'): string {
    if (rules.length === 0) return match === 'all' ? 'true' : 'false';
    const tests = rules.map((rule) => this.rule(rule.shape));
    return tests.length === 1 ? tests[0]! : `(${tests.join(match === 'all' ? ' && ' : ' || ')})`;
  }

  private rule(shape: RuleShape): string {
    if (shape.type === 'never') return 'false';
    if (shape.type === 'group') return this.join(shape.rules, shape.match);
    const test = this.positive(shape);
    // The closure predicate is already negated for negative operators.
    if (test === null) return `${this.ref(shape.predicate)}(${this.use(this.raw(shape))})`;
    return shape.negated ? `!${test}` : test;
  }

  /**
   * The positive comparison as an expression on the values read, for the common (kind, operator) pairs;
   * null means "call the closure predicate". Each case is equivalent to operators.ts on that kind.
   */
  private positive(shape: AttributeShape): string | null {
    const { kind, positiveOperator: op, expected: x, normalise } = shape;
    const numeric = kind === 'number' || kind === 'integer';
    if (op === 'exists') {
      if (numeric) {
        const v = this.use(this.number(shape));
        return `(${v} === ${v})`;
      }
      const r = this.use(this.raw(shape));
      if (kind === 'boolean') return `(typeof ${r} === "boolean")`;
      if (kind === 'list') return `isArray(${r})`;
      return `(typeof ${r} === "string")`;
    }
    if (numeric) {
      // Rule values were normalised to numbers of the kind (or undefined): NaN never compares true.
      const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
      if (op === 'in') return this.anyOf(this.use(this.number(shape)), listOf(x).filter(finite));
      if (op === 'between') {
        if (!Array.isArray(x) || x.length !== 2 || !finite(x[0]) || !finite(x[1])) return null;
        const v = this.use(this.number(shape));
        return `(${v} >= ${literal(x[0])} && ${v} <= ${literal(x[1])})`;
      }
      const comparison = COMPARISONS.get(op);
      if (comparison === undefined || !finite(x)) return null;
      return `(${this.use(this.number(shape))} ${comparison} ${literal(x)})`;
    }
    if (kind === 'boolean') return op === 'eq' && typeof x === 'boolean' ? `(${this.use(this.raw(shape))} === ${literal(x)})` : null;
    if (kind !== 'string') return null;
    if (normalise === unchanged) {
      if (op === 'eq' && typeof x === 'string') return `(${this.use(this.raw(shape))} === ${literal(x)})`;
      return op === 'in' ? this.anyOf(this.use(this.raw(shape)), [...stringSet(x)]) : null;
    }
    // `v === x || N(v) === x` is `N(v) === x` when N(x) === x; likewise for every value of an `in`. (Case
    // mappings are idempotent for every code point in Node's ICU today: the test is a guard, not a branch
    // the fuzz test can reach.)
    const fixed = (s: string) => normalise(s) === s;
    if (op === 'eq' && typeof x === 'string' && fixed(x)) return `(${this.use(this.normalised(shape))} === ${literal(x)})`;
    if (op !== 'in') return null;
    const items = [...stringSet(x)];
    return items.every(fixed) ? this.anyOf(this.use(this.normalised(shape)), items) : null;
  }

  /** `name` is one of `items` (strings or numbers, compared with ===). */
  private anyOf(name: string, items: readonly (string | number)[]): string {
    const distinct = [...new Set(items)];
    if (distinct.length === 0) return 'false';
    if (distinct.length > CHAIN_ITEMS) return `${this.ref(new Set(distinct))}.has(${name})`;
    return `(${distinct.map((item) => `${name} === ${literal(item)}`).join(' || ')})`;
  }
}

/**
 * The own property `key` of the value of `parent`, or undefined, as read.ts's pathReader reads each
 * level; the key appears as a JSON literal. Written inline (temporaries `o`, `x`) rather than as a
 * function call. `hasOwn` is a builtin call the optimiser keeps, so it is skipped when it cannot matter:
 * the value read is undefined (absent and own-undefined read the same), or the object's prototype is
 * Object.prototype and that has no such key (so what was found is the object's own). Reading first lets
 * the optimiser fold both tests to constants guarded by the object's shape.
 */
function ownPropertyExpression(parent: string, key: string): string {
  const k = literal(key);
  return `(o = ${parent}, typeof o === "object" && o !== null && ((x = o[${k}]) === undefined || (getPrototypeOf(o) === ObjectPrototype && !(${k} in ObjectPrototype)) || hasOwn.call(o, ${k})) ? x : undefined)`;
}

/**
 * The source of every function of the plan's generated decide, as generated when first reached (for
 * tests and debugging), and how deep its calls nest. `functionConditions` is only lowered by tests.
 */
export function generateDecideSource(
  root: PlanNode,
  groups: LeafGroups,
  functionConditions = FUNCTION_CONDITIONS,
): { sources: string[]; callDepth: number } {
  const layout = layoutFunctions(root, Math.max(1, functionConditions));
  const generator = new Generator(root, layout, groups);
  const sources = Array.from({ length: Math.max(1, layout.functions.length) }, (_, i) => generator.functionSource(i));
  return { sources, callDepth: layout.callDepth };
}

/**
 * The generated decide, or null where the platform forbids code generation (a Content-Security-Policy
 * without 'unsafe-eval', an edge runtime) or calls would nest too deep: the caller then keeps the
 * closure walk. Only the first function is generated now; `G(i)` generates function i when a decision
 * first calls it, and `F[i]` keeps it (a call site calls `F[i] || G(i)`, so it only ever sees the
 * generated function).
 */
export function generateDecide(root: PlanNode, groups: LeafGroups, functionConditions = FUNCTION_CONDITIONS): GeneratedDecide | null {
  const layout = layoutFunctions(root, Math.max(1, functionConditions));
  if (layout.callDepth > MAX_CALL_DEPTH) return null;
  let generator: Generator | null = new Generator(root, layout, groups);
  let remaining = Math.max(1, layout.functions.length);
  const F: GeneratedDecide[] = [];
  const G = (index: number): GeneratedDecide => {
    const source = generator!.functionSource(index);
    const generated = new Function('k', 'F', 'G', 'H', source)(generator!.constants, F, G, HELPERS) as GeneratedDecide;
    F[index] = generated;
    // Once every function exists, the generator (the plan's layout and its maps) is no longer needed.
    if (--remaining === 0) generator = null;
    return generated;
  };
  try {
    return G(0);
  } catch {
    return null;
  }
}
