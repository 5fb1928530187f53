import type { PathStep } from '../types';
import type { Leaf } from './leaves';
import type { Condition, PlanNode, Walk } from './nodes';
import { unchanged } from './normalise';
import { stringSet } from './operators';
import type { CompiledRule, RuleShape } from './rules';

/**
 * The condition walk of a plan compiled to JavaScript: each property read gets its own inline cache,
 * each attribute is read at most once per decision, and the common comparisons are inlined instead of
 * called through closures. The closure walk (nodes.ts) stays the reference and the traced path;
 * codegen.test.ts checks the two agree on adversarial documents and transactions.
 *
 * Safety rule: no string from the document reaches the generated source except as a JSON literal
 * (`literal` below: JSON.stringify plus escaping of U+2028/U+2029). Node ids, path steps, Sets,
 * predicates and time readers are passed in the `k` array and referred to by generated names (k12); locals
 * are generated names too (a3 for a slot, m3 for its normalised string).
 *
 * Shape: nested if/else, cut into functions of at most FUNCTION_CONDITIONS conditions (an optimiser
 * gives up on a function past a bytecode budget, and a big plan would otherwise be one giant body).
 * A function holds the top of its subtree, taken breadth first; each branch out of it calls the function
 * of the subtree below, passing the attribute values read so far. A node reached from several branches
 * (a DAG) has its own function, so nothing is emitted twice. Where the path to a node is one and short,
 * its leaves write the whole path as one array literal; below a shared node, or past STATIC_PATH_STEPS
 * steps, the path so far travels as an array `p` that later steps are pushed onto.
 */

/** Conditions per generated function; nesting within one is bounded by it too (the parser's stack). */
export const FUNCTION_CONDITIONS = 40;
const STATIC_PATH_STEPS = 64;
/**
 * Calls nest at most this deep (the longest chain of functions one decision may go through); a plan
 * that would nest deeper (a very long chain of shared nodes) keeps the closure walk.
 */
const MAX_CALL_DEPTH = 2_000;

/** Escapes what JSON allows in a string literal but older JavaScript did not (line/paragraph separators). */
export function literal(value: string | number | boolean): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

type AttributeShape = Extract<RuleShape, { type: 'attribute' }>;

/** Where the path so far is: constant steps known when generating, or the array `p` at run time. */
type PathSoFar = { kind: 'static'; steps: Steps } | { kind: 'dynamic' };

/** Path steps (constant names) as a list sharing its tails: each condition adds one cell, not a copy. */
type Steps = { readonly name: string; readonly previous: Steps; readonly length: number } | null;

function then(steps: Steps, name: string): Steps {
  return { name, previous: steps, length: (steps?.length ?? 0) + 1 };
}

/** The names of `steps` after those of `base`, first to last. */
function names(steps: Steps, base: Steps = null): string[] {
  const out: string[] = [];
  for (let s = steps; s !== null && s !== base; s = s.previous) out.push(s.name);
  return out.reverse();
}

/** The chunk that stands for the slot arguments until every slot is known. */
const SLOTS = '\u0000slots\u0000';

interface PendingFunction {
  readonly entry: Condition;
  readonly path: PathSoFar;
}

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
  private readonly readOf = new Map<number, { parent: number | null; key: string } | { derived: string }>();
  /** Slots read through a reader function `r<slot>` (outside the first function; see slotValue). */
  private readonly readerSlots = new Set<number>();
  /** The function being generated. */
  private current = 0;
  /** Slots whose normalised string is memoised in `m<slot>`. */
  private readonly memoSlots = new Set<number>();
  private readonly pending: PendingFunction[] = [];
  /** The function of each shared node (one per node, whatever calls it). */
  private readonly sharedFunction = new Map<PlanNode, number>();
  /** Calls from each function to others, for the call depth. */
  readonly calls: number[][] = [];

  constructor(private readonly inDegree: ReadonlyMap<PlanNode, number>, private readonly budget: number) {}

  generate(root: PlanNode): { source: string; constants: unknown[] } {
    // Source is appended to one array of chunks and joined once: a large plan's source is megabytes.
    const bodies: string[][] = [];
    if (root.kind === 'leaf') {
      this.out = [];
      this.leafCode(root, { kind: 'static', steps: null }, null);
      bodies.push(this.out);
    } else this.pending.push({ entry: root, path: { kind: 'static', steps: null } });
    for (let i = 0; i < this.pending.length; i++) {
      this.calls.push([]);
      this.current = i;
      this.out = [];
      this.functionBody(i);
      bodies.push(this.out);
    }
    const slots = [...this.readOf.keys()].map((s) => `a${s}`);
    const memos = [...this.memoSlots].map((s) => `m${s}`);
    const slotList = [...slots, ...memos].join(', ');
    // Calls were written before every slot was known: their slot arguments go in now.
    const slotArguments = slotList ? `, ${slotList}` : '';
    const declarations = this.constants.map((_, i) => `k${i} = k[${i}]`).join(', ');
    const locals = 'v, w, o, x';
    const parts: string[] = [
      '"use strict";\n',
      'const ObjectPrototype = Object.prototype, hasOwn = ObjectPrototype.hasOwnProperty, getPrototypeOf = Object.getPrototypeOf;\n',
      declarations ? `const ${declarations};\n` : '',
      this.readers(),
    ];
    const append = (chunks: readonly string[]) => {
      for (const chunk of chunks) parts.push(chunk === SLOTS ? slotArguments : chunk);
    };
    // The root function declares the slots; every other takes them as parameters.
    for (let i = 1; i < bodies.length; i++) {
      parts.push(`function f${i}(tx, out, p${slotArguments}) {\nlet ${locals};\n`);
      append(bodies[i]!);
      parts.push('}\n');
    }
    parts.push(`return function walk(tx, out) {\nlet ${locals}, p${slotArguments};\n`);
    append(bodies[0]!);
    parts.push('};');
    return { source: parts.join(''), constants: this.constants };
  }

  /** Chunks of the function being generated. */
  private out: string[] = [];

  /** A path step: each belongs to one condition, so it needs no lookup. */
  private step(value: PathStep): string {
    this.constants.push(value);
    return `k${this.constants.length - 1}`;
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

  /** The conditions of function `index`: its entry and, breadth first, the unshared ones below it up to the budget. */
  private functionBody(index: number): void {
    const { entry, path } = this.pending[index]!;
    const inside = new Set<PlanNode>([entry]);
    const queue: Condition[] = [entry];
    for (let i = 0; i < queue.length && inside.size < this.budget; i++) {
      for (const next of [queue[i]!.yes, queue[i]!.no]) {
        if (next.kind !== 'condition' || inside.has(next) || (this.inDegree.get(next) ?? 0) > 1) continue;
        if (inside.size >= this.budget) break;
        inside.add(next);
        queue.push(next);
      }
    }
    this.node(entry, index, inside, path, path.kind === 'static' ? path.steps : null);
  }

  /**
   * Statements deciding from `node` on: nested if/else down to leaves or calls. `steps` are the path
   * steps known so far: from the root when `path` is static, since the function began when dynamic.
   */
  private node(node: Condition, index: number, inside: ReadonlySet<PlanNode>, path: PathSoFar, steps: Steps): void {
    const test = this.join(node.rules, node.match);
    const yes = then(steps, this.step(node.yesStep));
    const no = then(steps, this.step(node.noStep));
    this.out.push(`if (${test}) {\n`);
    this.branch(node.yes, index, inside, path, yes);
    this.out.push('} else {\n');
    this.branch(node.no, index, inside, path, no);
    this.out.push('}\n');
  }

  private branch(target: PlanNode, index: number, inside: ReadonlySet<PlanNode>, path: PathSoFar, steps: Steps): void {
    if (target.kind === 'leaf') return this.leafCode(target, path, steps);
    if (inside.has(target)) return this.node(target, index, inside, path, steps);
    const shared = (this.inDegree.get(target) ?? 0) > 1;
    const all = path.kind === 'static' ? steps : undefined;
    let callee: number;
    if (shared) {
      callee = this.sharedFunction.get(target) ?? this.newFunction(target, { kind: 'dynamic' });
      this.sharedFunction.set(target, callee);
    } else {
      callee = this.newFunction(target, all !== undefined && (all?.length ?? 0) <= STATIC_PATH_STEPS ? { kind: 'static', steps: all } : { kind: 'dynamic' });
    }
    this.calls[index]!.push(callee);
    const calleeStatic = this.pending[callee]!.path.kind === 'static';
    const pathArgument = calleeStatic ? 'p' : all !== undefined ? `[${names(all).join(', ')}]` : steps === null ? 'p' : `(p.push(${names(steps).join(', ')}), p)`;
    this.out.push(`return f${callee}(tx, out, ${pathArgument}`, SLOTS, ');\n');
  }

  private newFunction(entry: Condition, path: PathSoFar): number {
    this.pending.push({ entry, path });
    return this.pending.length - 1;
  }

  /** At a leaf: the decision's path into `out.path`, and the leaf's index. */
  private leafCode(leaf: Leaf, path: PathSoFar, steps: Steps): void {
    if (path.kind === 'static') this.out.push(`out.path = [${names(steps).join(', ')}];\nreturn ${leaf.index};\n`);
    else this.out.push(`${steps === null ? '' : `p.push(${names(steps).join(', ')});\n`}out.path = p;\nreturn ${leaf.index};\n`);
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
      this.readOf.set(slot, { derived: this.constant(shape.read) });
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
      const parent = dot < 0 ? null : this.pathSlot(path.slice(0, dot));
      slot = this.newSlot();
      this.pathSlots.set(path, slot);
      this.readOf.set(slot, { parent, key: path.slice(dot + 1) });
    }
    return slot;
  }

  private newSlot(): number {
    return this.readOf.size;
  }

  /**
   * The slot's value, read on first use in a decision and kept in `a<slot>`. An absent value (undefined)
   * is simply read again when asked: reads are pure, and a sentinel costs a comparison on every use.
   * The first function (the top of the tree, where most reads happen) reads inline; the others call the
   * slot's reader function, which keeps a large plan's source (and build time) small.
   */
  private slotValue(slot: number): string {
    const how = this.readOf.get(slot)!;
    let read: string;
    if ('derived' in how) read = `${how.derived}(tx)`;
    else {
      const parent = how.parent === null ? 'tx' : this.slotValue(how.parent);
      if (this.current === 0) read = ownPropertyExpression(parent, how.key);
      else {
        this.readerSlots.add(slot);
        read = `r${slot}(${parent})`;
      }
    }
    return `(a${slot} !== undefined ? a${slot} : (a${slot} = ${read}))`;
  }

  /** The reader functions of the slots read outside the first function. */
  private readers(): string {
    return [...this.readerSlots].map((slot) => {
      const { key } = this.readOf.get(slot) as { key: string };
      return `function r${slot}(value) {\nlet o, x;\nreturn ${ownPropertyExpression('value', key)};\n}\n`;
    }).join('');
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

/**
 * The generated walk, its source and how deep its function calls nest (for tests and debugging).
 * `functionConditions` is only lowered by tests, to cut small plans into many functions.
 */
export function generateWalkSource(root: PlanNode, functionConditions = FUNCTION_CONDITIONS): { source: string; constants: unknown[]; callDepth: number } {
  const generator = new Generator(inDegrees(root), Math.max(1, functionConditions));
  const generated = generator.generate(root);
  return { ...generated, callDepth: longestCallChain(generator.calls) };
}

/** Functions on the longest chain of calls from the first; calls go to later functions only (no cycles). */
function longestCallChain(calls: readonly (readonly number[])[]): number {
  const depth = new Array<number>(calls.length).fill(1);
  for (let f = calls.length - 1; f >= 0; f--) for (const callee of calls[f]!) depth[f] = Math.max(depth[f]!, 1 + depth[callee]!);
  return calls.length === 0 ? 0 : depth[0]!;
}

/**
 * The generated walk, or null where the platform forbids code generation (a Content-Security-Policy
 * without 'unsafe-eval', an edge runtime) or calls would nest too deep: the caller then keeps the closure walk.
 */
export function generateWalk(root: PlanNode, functionConditions = FUNCTION_CONDITIONS): Walk | null {
  const { source, constants, callDepth } = generateWalkSource(root, functionConditions);
  if (callDepth > MAX_CALL_DEPTH) return null;
  try {
    return new Function('k', source)(constants) as Walk;
  } catch {
    return null;
  }
}
