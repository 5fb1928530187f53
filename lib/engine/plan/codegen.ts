import type { Condition, PlanNode, Walk } from './nodes';
import { unchanged } from './normalise';
import { stringSet } from './operators';
import type { CompiledRule, RuleShape } from './rules';

/**
 * The condition walk of a plan compiled to one JavaScript function: each property read gets
 * its own inline cache, each attribute is read at most once per decision, and the common comparisons
 * are inlined instead of called through closures. The closure walk (nodes.ts) stays the reference and
 * the traced path; codegen.test.ts checks the two agree on adversarial documents and transactions.
 *
 * Safety rule: no string from the document reaches the generated source except as a JSON literal
 * (`literal` below: JSON.stringify plus escaping of U+2028/U+2029). Node ids, path steps, Sets,
 * predicates and time readers are passed in the `k` array and referred to by generated names (k12); locals
 * are generated names too (a3 for a slot, m3 for its normalised string).
 *
 * Shape: a tree is one nest of if/else. A node reached from several branches (a DAG), or nested deeper
 * than MAX_NESTING, becomes a `case` of a `switch` in a loop, so shared nodes are emitted once and a long
 * chain cannot exhaust the parser's stack.
 */

const MAX_NESTING = 48;

/**
 * Larger plans keep the closure walk: V8 does not optimise a function past a bytecode budget, and an
 * unoptimised generated walk is no faster than the closures while generating it costs build time.
 * Measured on the bench's trees (ns per decision, generated vs closures): 100 conditions 259 vs 603;
 * 125 conditions (94,000 characters of source) 324 vs 967; 135 conditions (98,000 characters, no
 * longer optimised) 837 vs about 800. Both limits are checked: conditions before generating (cheap),
 * source length after.
 */
export const MAX_GENERATED_CONDITIONS = 200;
export const MAX_GENERATED_SOURCE = 80_000;

/** Escapes what JSON allows in a string literal but older JavaScript did not (line/paragraph separators). */
export function literal(value: string | number | boolean): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

type AttributeShape = Extract<RuleShape, { type: 'attribute' }>;

class Generator {
  private readonly constants: unknown[] = [];
  private readonly constantNames = new Map<unknown, string>();
  /**
   * Slots: `a<slot>` holds a value once read in this decision; `readOf` is the expression that reads it.
   * Dotted paths and their prefixes have path slots (read from the parent path's slot); time attributes,
   * derived slots (read through the plan's reader closure).
   */
  private readonly pathSlots = new Map<string, number>();
  private readonly derivedSlots = new Map<string, number>();
  private readonly readOf = new Map<number, string>();
  /** Slots whose normalised string is memoised in `m<slot>`. */
  private readonly memoSlots = new Set<number>();
  private readonly caseOf = new Map<PlanNode, number>();
  private readonly pendingCases: PlanNode[] = [];

  constructor(private readonly inDegree: ReadonlyMap<PlanNode, number>) {}

  generate(root: PlanNode): { source: string; constants: unknown[] } {
    const cases: string[] = [];
    this.caseId(root);
    for (let i = 0; i < this.pendingCases.length; i++) {
      cases.push(`case ${i}:\n${this.node(this.pendingCases[i]!, 1, [], i === 0)}`);
    }
    const slots = [...this.readOf.keys()].map((s) => `a${s}`);
    const memos = [...this.memoSlots].map((s) => `m${s}`);
    const locals = ['v', 'w', 'p', 'o', 'x', ...slots, ...memos].join(', ');
    const body = cases.length === 1
      ? cases[0]!.slice(cases[0]!.indexOf('\n') + 1)
      : `let n = 0;\nfor (;;) switch (n) {\n${cases.join('')}default: return -1;\n}\n`;
    const declarations = this.constants.map((_, i) => `k${i} = k[${i}]`).join(', ');
    const source = [
      '"use strict";',
      'const ObjectPrototype = Object.prototype, hasOwn = ObjectPrototype.hasOwnProperty, getPrototypeOf = Object.getPrototypeOf;',
      ...(declarations ? [`const ${declarations};`] : []),
      `return function walk(tx, out) {\nlet ${locals};\n${body}};`,
    ].join('\n');
    return { source, constants: this.constants };
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

  private caseId(node: PlanNode): number {
    let id = this.caseOf.get(node);
    if (id === undefined) {
      id = this.pendingCases.length;
      this.caseOf.set(node, id);
      this.pendingCases.push(node);
    }
    return id;
  }

  /**
   * Statements deciding from `node` on: nested if/else down to leaves or case jumps. `steps` are the
   * path steps taken since the case began (constant names). In the first case nothing precedes them, so
   * a leaf allocates its path as one literal of exactly that length; a jump to another case starts the
   * array `p`, which later cases push onto.
   */
  private node(node: PlanNode, depth: number, steps: readonly string[], first: boolean): string {
    if (node.kind === 'leaf') return `${this.pathOut(steps, first)}return ${node.index};\n`;
    const test = this.join(node.rules, node.match);
    const yes = [...steps, this.constant(node.yesStep)];
    const no = [...steps, this.constant(node.noStep)];
    return `if (${test}) {\n${this.branch(node.yes, depth, yes, first)}} else {\n${this.branch(node.no, depth, no, first)}}\n`;
  }

  private branch(target: PlanNode, depth: number, steps: readonly string[], first: boolean): string {
    if (target.kind === 'leaf') return this.node(target, depth, steps, first);
    const shared = (this.inDegree.get(target) ?? 0) > 1;
    if (!shared && depth < MAX_NESTING && !this.caseOf.has(target)) return this.node(target, depth + 1, steps, first);
    return `${this.pathSoFar(steps, first)}n = ${this.caseId(target)}; continue;\n`;
  }

  /** At a leaf: the decision's path into `out.path`. */
  private pathOut(steps: readonly string[], first: boolean): string {
    return first ? `out.path = [${steps.join(', ')}];\n` : `${this.pathSoFar(steps, false)}out.path = p;\n`;
  }

  /** Before a jump to another case: the steps so far into `p`. */
  private pathSoFar(steps: readonly string[], first: boolean): string {
    if (first) return `p = [${steps.join(', ')}];\n`;
    return steps.length === 0 ? '' : `p.push(${steps.join(', ')});\n`;
  }

  private join(rules: readonly CompiledRule[], match: 'all' | 'any'): string {
    if (rules.length === 0) return match === 'all' ? 'true' : 'false';
    const tests = rules.map((rule) => this.rule(rule.shape));
    return tests.length === 1 ? tests[0]! : `(${tests.join(match === 'all' ? ' && ' : ' || ')})`;
  }

  private rule(shape: RuleShape): string {
    if (shape.type === 'never') return 'false';
    if (shape.type === 'group') return this.join(shape.rules, shape.match);
    const value = this.read(shape);
    const test = inlineTest(shape, (v) => this.constant(v), () => this.normalised(shape));
    if (test === null) return `${this.constant(shape.predicate)}(${value})`;
    return `((v = ${value}), ${shape.negated ? `!${test}` : test})`;
  }

  /**
   * The normalised form of the string `v` just read from the attribute's slot, computed on first use in a
   * decision and kept in `m<slot>` (every rule on one attribute shares its catalog normaliser).
   */
  private normalised(shape: AttributeShape): string {
    const slot = this.slotOf(shape);
    this.memoSlots.add(slot);
    return `(m${slot} !== undefined ? m${slot} : (m${slot} = ${this.constant(shape.normalise)}(v)))`;
  }

  private slotOf(shape: AttributeShape): number {
    if (!shape.derived) return this.pathSlot(shape.attribute);
    let slot = this.derivedSlots.get(shape.attribute);
    if (slot === undefined) {
      slot = this.newSlot();
      this.derivedSlots.set(shape.attribute, slot);
      this.readOf.set(slot, `${this.constant(shape.read)}(tx)`);
    }
    return slot;
  }

  /**
   * The slot of a dotted path: reads one segment from its parent path's value (the transaction for the
   * first), so `card.brand` and `card.issuer_country` share the read of `card`.
   */
  private pathSlot(path: string): number {
    let slot = this.pathSlots.get(path);
    if (slot === undefined) {
      const dot = path.lastIndexOf('.');
      const parent = dot < 0 ? 'tx' : this.slotValue(this.pathSlot(path.slice(0, dot)));
      slot = this.newSlot();
      this.pathSlots.set(path, slot);
      this.readOf.set(slot, ownPropertyExpression(parent, path.slice(dot + 1)));
    }
    return slot;
  }

  private newSlot(): number {
    return this.readOf.size;
  }

  /**
   * The slot's value, read on first use in a decision and kept in `a<slot>`. An absent value (undefined)
   * is simply read again when asked: reads are pure, and a sentinel costs a comparison on every use.
   */
  private slotValue(slot: number): string {
    return `(a${slot} !== undefined ? a${slot} : (a${slot} = ${this.readOf.get(slot)!}))`;
  }

  /** The attribute's value, read on first use in a decision and kept in its slot. */
  private read(shape: AttributeShape): string {
    return this.slotValue(this.slotOf(shape));
  }
}

/**
 * The own property `key` of the value of `parent`, or undefined, as read.ts's pathReader reads each
 * level; the key appears as a JSON literal. Written inline (temporaries `o`, `x`) rather than as a
 * function: V8 inlines only so many calls into one function, and a slot is read from many places.
 * `hasOwn` is a builtin call the optimiser keeps, so it is skipped when it cannot matter: the value read
 * is undefined (absent and own-undefined read the same), or the object's prototype is Object.prototype
 * and that has no such key (so what was found is the object's own). Reading first lets the optimiser
 * fold both tests to constants guarded by the object's shape.
 */
function ownPropertyExpression(parent: string, key: string): string {
  const k = literal(key);
  return `(o = ${parent}, typeof o === "object" && o !== null && ((x = o[${k}]) === undefined || (getPrototypeOf(o) === ObjectPrototype && !(${k} in ObjectPrototype)) || hasOwn.call(o, ${k})) ? x : undefined)`;
}

/**
 * The positive comparison on `v` as an expression, for the common (kind, operator) pairs; null means
 * "call the closure predicate". Each line mirrors operators.ts exactly.
 */
function inlineTest(shape: AttributeShape, constant: (value: unknown) => string, normalisedV: () => string): string | null {
  const { kind, positiveOperator: op, expected: x, normalise } = shape;
  const numeric = kind === 'number' || kind === 'integer';
  const ok = kind === 'integer' ? `${constant(Number.isInteger)}(v)` : '(typeof v === "number" && v - v === 0)';
  if (op === 'exists') {
    if (numeric) return ok;
    if (kind === 'boolean') return '(typeof v === "boolean")';
    if (kind === 'list') return `${constant(Array.isArray)}(v)`;
    return '(typeof v === "string")';
  }
  if (numeric) {
    const number = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
    if (op === 'between' && Array.isArray(x) && x.length === 2 && number(x[0]) && number(x[1])) {
      return `(${ok} && v >= ${literal(x[0])} && v <= ${literal(x[1])})`;
    }
    if (!number(x)) return null;
    switch (op) {
      case 'eq': return `(v === ${literal(x)})`;
      case 'gt': return `(${ok} && v > ${literal(x)})`;
      case 'gte': return `(${ok} && v >= ${literal(x)})`;
      case 'lt': return `(${ok} && v < ${literal(x)})`;
      case 'lte': return `(${ok} && v <= ${literal(x)})`;
      default: return null;
    }
  }
  if (kind === 'boolean') return op === 'eq' && typeof x === 'boolean' ? `(v === ${literal(x)})` : null;
  if (kind !== 'string') return null;
  // `v === x || N(v) === x`, with N(v) memoised per decision; for `in`, N(v) is looked up only when it differs from v.
  const plain = normalise === unchanged;
  if (op === 'eq' && typeof x === 'string') {
    return plain ? `(v === ${literal(x)})` : `(typeof v === "string" && (v === ${literal(x)} || ${normalisedV()} === ${literal(x)}))`;
  }
  if (op === 'in') {
    const set = constant(stringSet(x));
    return plain
      ? `(typeof v === "string" && ${set}.has(v))`
      : `(typeof v === "string" && (${set}.has(v) || ((w = ${normalisedV()}) !== v && ${set}.has(w))))`;
  }
  return null;
}

/** How many branches lead to each condition reachable from `root` (the root counts one for the entry). */
function inDegrees(root: PlanNode): Map<PlanNode, number> {
  const degree = new Map<PlanNode, number>([[root, 1]]);
  const stack: PlanNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Condition | PlanNode;
    if (node.kind !== 'condition') continue;
    for (const next of [node.yes, node.no]) {
      const seen = degree.get(next);
      degree.set(next, (seen ?? 0) + 1);
      if (seen === undefined) stack.push(next);
    }
  }
  return degree;
}

/** The generated walk, and its source (for tests and debugging). */
export function generateWalkSource(root: PlanNode): { source: string; constants: unknown[] } {
  return new Generator(inDegrees(root)).generate(root);
}

/**
 * The generated walk, or null for a plan over the size limits above or where the platform forbids
 * code generation (a Content-Security-Policy without 'unsafe-eval', an edge runtime): the caller then
 * keeps the closure walk.
 */
export function generateWalk(root: PlanNode): Walk | null {
  const degrees = inDegrees(root);
  let conditions = 0;
  for (const node of degrees.keys()) if (node.kind === 'condition') conditions++;
  if (conditions > MAX_GENERATED_CONDITIONS) return null;
  const { source, constants } = new Generator(degrees).generate(root);
  if (source.length > MAX_GENERATED_SOURCE) return null;
  try {
    return new Function('k', source)(constants) as Walk;
  } catch {
    return null;
  }
}
