import type { Catalog } from '../../catalog/types';
import type { ConditionNode, SchemeDocument, SchemeNode } from '../../scheme/schema';
import type {
  CompileOptions, Decision, DecideOptions, NodeTrace, PathStep, Plan, ProcessorSet, SkippedProcessor, Transaction,
} from '../types';
import {
  eligibleMask, neededFields, processorIndexOf, readPaymentFields, type EligibilityEntry, type EligibilityMasks, type PaymentFields,
} from '../processors';
import { FUNCTION_CONDITIONS, generateDecide, type GeneratedDecide } from './codegen';
import { decideWithChoice, LeafChoices, MAX_PATTERN_PROCESSORS, patternOf } from './choices';
import { compileLeaf, deadEnd, decideAtLeaf, flagsFromMask, flagsWithReasons, type Leaf } from './leaves';
import { closureWalk, type PlanNode, type Walk, type WalkOut } from './nodes';
import { combine, type RuleContext } from './rules';
import { LeafGroups, setRuntime, type SetRuntime } from './set-runtime';
import { compileCondition, readsTime } from './conditions';
import { createClock } from './time';

/**
 * buildPlan: a checked scheme document → a plan that decides fast.
 * Everything that does not depend on the transaction is done here, once: rule values normalised,
 * regular expressions compiled, filters inlined, processor routes expanded, path steps and modifiers
 * frozen and shared. A plan therefore captures the registry as it was: when a filter or a processor
 * route changes, the schemes that use it must be recompiled.
 *
 * The document is expected to have passed checkScheme, but nothing in it can make this throw or loop:
 * a dangling branch or a branch that would close a cycle becomes a `no_route` dead end. It belongs to
 * the plan from then on (compile() passes the checker's parsed copy): conditions compile their rules
 * from it on first use.
 */

/**
 * `walk` chooses how the untraced path decides: 'generated' (default) compiles the plan to JavaScript
 * (codegen.ts), falling back to 'closures' where the platform forbids code generation. The traced path
 * always uses the closures. `functionConditions` is only lowered by tests (many small functions).
 */
export function buildPlan(
  document: SchemeDocument,
  options: CompileOptions & { catalog: Catalog },
  walk: 'generated' | 'closures' = 'generated',
  functionConditions = FUNCTION_CONDITIONS,
): Plan {
  const nodes = nodeLookup(document.nodes);
  const timeZone = options.timeZone ?? 'UTC';
  let clock: ((tx: unknown) => unknown) | undefined;
  const context: RuleContext = {
    catalog: options.catalog,
    // Copied: rules compile on first use, and a plan captures the registry as it was when built.
    filters: new Map((options.registry?.filters ?? []).map((f) => [f.id, structuredClone(f)])),
    clock: () => (clock ??= createClock(timeZone)),
    expanding: new Set(),
    readers: new Map(),
  };
  const routes = new Map((options.registry?.routes ?? []).map((r) => [r.id, r]));

  const leaves: Leaf[] = [];
  const compiled = new Map<string, PlanNode>();
  const compileNode = (id: string, node: SchemeNode): PlanNode => {
    if (node.type === 'strategy') {
      const leaf = compileLeaf(leaves.length, id, node, routes);
      leaves.push(leaf);
      return leaf;
    }
    // Rules compile on first use; the clock (which refuses an unknown zone) is built now if they need it.
    if (clock === undefined && readsTime(node.rules, context)) context.clock();
    return compileCondition(id, node, context, PLACEHOLDER);
  };
  const deadEndLeaf = (reason: string): Leaf => {
    const leaf = deadEnd(leaves.length, reason);
    leaves.push(leaf);
    return leaf;
  };

  const root = link(document.start, nodes, compiled, compileNode, deadEndLeaf);
  const groups = new LeafGroups(leaves);
  const generated = walk === 'generated' ? generateDecide(root, groups, functionConditions) : null;
  return new CompiledPlan(document, root, generated, leaves, groups);
}

/** Linked before use: a branch is set as soon as its target is compiled. */
const PLACEHOLDER = null as unknown as PlanNode;

const hasOwn = Object.prototype.hasOwnProperty;

/** The document's nodes by id, own properties only (no copy: a large document has thousands). */
function nodeLookup(nodes: Record<string, SchemeNode>): (id: string) => SchemeNode | undefined {
  return (id) => (hasOwn.call(nodes, id) ? nodes[id] : undefined);
}

/**
 * Compiles the nodes reachable from `start` and links branches, iteratively (a 10,000-node chain must
 * not exhaust the call stack). A branch to a node still on the DFS stack would close a cycle: it becomes
 * a dead end instead, as does a missing or dangling branch.
 */
function link(
  start: string,
  nodes: (id: string) => SchemeNode | undefined,
  compiled: Map<string, PlanNode>,
  compileNode: (id: string, node: SchemeNode) => PlanNode,
  deadEndLeaf: (reason: string) => Leaf,
): PlanNode {
  const startNode = nodes(start);
  if (startNode === undefined) return deadEndLeaf(`start node "${start}" does not exist`);
  const onStack = new Set<string>([start]);
  const root = compileNode(start, startNode);
  compiled.set(start, root);
  const stack: { id: string; node: PlanNode; branch: number }[] = [{ id: start, node: root, branch: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.node.kind !== 'condition' || top.branch === 2) {
      onStack.delete(top.id);
      stack.pop();
      continue;
    }
    const condition = top.node;
    const yes = top.branch === 0;
    top.branch++;
    const source = nodes(top.id) as ConditionNode;
    const target = yes ? source.then : source.else;
    const label = yes ? 'yes' : 'no';
    let next: PlanNode;
    const targetNode = target === undefined ? undefined : nodes(target);
    if (target === undefined) next = deadEndLeaf(`condition "${top.id}" has no ${label} branch`);
    else if (targetNode === undefined) next = deadEndLeaf(`condition "${top.id}" ${label} branch names missing node "${target}"`);
    else if (onStack.has(target)) next = deadEndLeaf(`condition "${top.id}" ${label} branch would loop back to "${target}"`);
    else {
      const existing = compiled.get(target);
      if (existing !== undefined) next = existing;
      else {
        next = compileNode(target, targetNode);
        compiled.set(target, next);
        onStack.add(target);
        stack.push({ id: target, node: next, branch: 0 });
      }
    }
    if (yes) condition.yes = next;
    else condition.no = next;
  }
  return root;
}

type CascadePolicy = { max_attempts: number; on: readonly string[] };

function cascadePolicies(nodes: Record<string, SchemeNode>): ReadonlyMap<string, CascadePolicy> {
  const policies = new Map<string, CascadePolicy>();
  for (const [id, node] of Object.entries(nodes)) {
    if (node.type !== 'strategy' || node.strategy === 'blank') continue;
    const cascade = node.cascade;
    policies.set(id, Object.freeze({
      max_attempts: cascade?.max_attempts ?? 1,
      on: Object.freeze([...(cascade?.on ?? [])]),
    }));
  }
  return policies;
}

/**
 * Per leaf, in one processor set: its processors' eligibility entries (undefined = unknown id), their
 * bit positions in the set's masks (-1 = unknown) and the fields they restrict.
 */
interface ResolvedLeaf {
  readonly entries: readonly (EligibilityEntry | undefined)[];
  readonly positions: Int32Array;
  readonly needs: number;
  /** Per eligibility pattern, the leaf's choice; null for a leaf with more processors than a pattern holds. */
  readonly choices: LeafChoices | null;
  /** The pattern when eligibility does not depend on the payment (no active processor restricts a field). */
  readonly activePattern: number;
}

interface Resolved {
  /** For the traced path and, without generated code, the untraced one. */
  readonly leaves: readonly ResolvedLeaf[];
  readonly masks: EligibilityMasks;
  /** The eligible mask of the decision being made; decisions are synchronous. */
  readonly scratch: Int32Array;
  /** The class tables of the generated decide; null without generated code. */
  readonly runtime: SetRuntime | null;
}

class CompiledPlan implements Plan {
  private lastSet: ProcessorSet | null = null;
  private lastResolved: Resolved | null = null;
  private readonly resolvedBySet = new WeakMap<ProcessorSet, Resolved>();
  /** Reused by every decision: evaluation is synchronous and returns before the next one starts. */
  private readonly fields: PaymentFields = { currency: undefined, method: undefined, country: undefined };
  private readonly walked: WalkOut = { path: [] };
  /** The closure walk: the untraced path where code generation is unavailable. */
  private readonly walk: Walk;

  constructor(
    readonly document: SchemeDocument,
    private readonly root: PlanNode,
    private readonly generated: GeneratedDecide | null,
    private readonly leaves: readonly Leaf[],
    private readonly groups: LeafGroups,
  ) {
    this.walk = closureWalk(root);
  }

  decide(transaction: Transaction, processors: ProcessorSet, options?: DecideOptions): Decision {
    const tx: unknown = transaction;
    if (options?.trace === true) return this.decideTraced(tx, processors);
    const resolved = this.resolve(processors);
    if (this.generated !== null) return this.generated(tx, resolved.runtime!);
    const index = this.walk(tx, this.walked);
    const path = this.walked.path;
    const { positions, needs, choices, activePattern } = resolved.leaves[index]!;
    const leaf = this.leaves[index]!;
    if (needs === 0 && choices !== null) return decideWithChoice(leaf, tx, choices.at(activePattern), path);
    const mask = eligibleMask(tx, resolved.masks, needs, resolved.scratch);
    if (choices === null) return decideAtLeaf(leaf, tx, flagsFromMask(positions, mask), path);
    return decideWithChoice(leaf, tx, choices.at(patternOf(positions, mask)), path);
  }

  private decideTraced(tx: unknown, processors: ProcessorSet): Decision {
    const path: PathStep[] = [];
    const conditions: NodeTrace[] = [];
    const skipped: SkippedProcessor[] = [];
    let node = this.root;
    while (node.kind === 'condition') {
      const rules = node.rules.map((rule) => rule.trace(tx));
      const result = combine(rules, node.match);
      conditions.push({ node: node.id, result, match: node.match, rules });
      path.push(result ? node.yesStep : node.noStep);
      node = result ? node.yes : node.no;
    }
    const { entries } = this.resolve(processors).leaves[node.index]!;
    const fields = readPaymentFields(tx, this.fields);
    const decision = decideAtLeaf(node, tx, flagsWithReasons(node, entries, fields, skipped), path);
    decision.trace = { conditions, skipped };
    return decision;
  }

  /** Computed on first use: only the simulator asks. */
  private cascades: ReadonlyMap<string, CascadePolicy> | undefined;

  cascadeOf(nodeId: string): CascadePolicy | undefined {
    return (this.cascades ??= cascadePolicies(this.document.nodes)).get(nodeId);
  }

  /** Each leaf's processor ids looked up once per processor set, so a decision does no id lookups. */
  private resolve(set: ProcessorSet): Resolved {
    if (set === this.lastSet && this.lastResolved !== null) return this.lastResolved;
    let resolved = this.resolvedBySet.get(set);
    if (resolved === undefined) {
      const index = processorIndexOf(set);
      const { entries, masks } = index;
      const closures = this.generated === null;
      const leaves = this.leaves.map((leaf): ResolvedLeaf => {
        const resolvedEntries = leaf.processorIds.map((id) => entries.get(id));
        const positions = Int32Array.from(resolvedEntries, (e) => (e === undefined ? -1 : e.position));
        return {
          entries: resolvedEntries,
          positions,
          needs: leaf.refusal === null ? neededFields(resolvedEntries) : 0,
          choices: closures && leaf.processorIds.length <= MAX_PATTERN_PROCESSORS ? new LeafChoices(leaf) : null,
          activePattern: patternOf(positions, masks.active),
        };
      });
      resolved = { leaves, masks, scratch: new Int32Array(masks.words), runtime: closures ? null : setRuntime(this.groups, index) };
      this.resolvedBySet.set(set, resolved);
    }
    this.lastSet = set;
    this.lastResolved = resolved;
    return resolved;
  }
}
