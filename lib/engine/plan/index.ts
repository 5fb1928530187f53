import type { Catalog } from '../../catalog/types';
import type { ConditionNode, SchemeDocument, SchemeNode } from '../../scheme/schema';
import type {
  CompileOptions, Decision, DecideOptions, NodeTrace, PathStep, Plan, ProcessorSet, SkippedProcessor, Transaction,
} from '../types';
import { neededFields, processorIndexOf, readPaymentFields, type EligibilityEntry, type PaymentFields } from '../processors';
import { compileLeaf, deadEnd, decideAtLeaf, type Leaf } from './leaves';
import { combine, compileRule, joinTests, type CompiledRule, type RuleContext, type Test } from './rules';
import { createClock } from './time';

/**
 * buildPlan: a checked scheme document → a plan that decides fast (DESIGN §3, §5).
 * Everything that does not depend on the transaction is done here, once: rule values normalised,
 * regular expressions compiled, filters inlined, processor routes expanded, path steps and modifiers
 * frozen and shared. A plan therefore captures the registry as it was: when a filter or a processor
 * route changes, the schemes that use it must be recompiled.
 *
 * The document is expected to have passed checkScheme, but nothing in it can make this throw or loop:
 * a dangling branch or a branch that would close a cycle becomes a `no_route` dead end.
 */

interface Condition {
  readonly kind: 'condition';
  readonly id: string;
  readonly match: 'all' | 'any';
  readonly rules: readonly CompiledRule[];
  readonly test: Test;
  readonly yesStep: PathStep;
  readonly noStep: PathStep;
  yes: PlanNode;
  no: PlanNode;
}

type PlanNode = Condition | Leaf;

export function buildPlan(document: SchemeDocument, options: CompileOptions & { catalog: Catalog }): Plan {
  const nodes = new Map<string, SchemeNode>(Object.entries(document.nodes));
  const timeZone = options.timeZone ?? 'UTC';
  let clock: ((tx: unknown) => unknown) | undefined;
  const context: RuleContext = {
    catalog: options.catalog,
    filters: new Map((options.registry?.filters ?? []).map((f) => [f.id, f])),
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
    return compileCondition(id, node, context);
  };
  const deadEndLeaf = (reason: string): Leaf => {
    const leaf = deadEnd(leaves.length, reason);
    leaves.push(leaf);
    return leaf;
  };

  const root = link(document.start, nodes, compiled, compileNode, deadEndLeaf);
  const cascades = cascadePolicies(nodes);
  return new CompiledPlan(document, root, leaves, cascades);
}

function compileCondition(id: string, node: ConditionNode, context: RuleContext): Condition {
  const match = node.match ?? 'all';
  const rules = node.rules.map((rule) => compileRule(rule, context));
  const placeholder = null as unknown as PlanNode;
  return {
    kind: 'condition', id, match, rules,
    test: joinTests(rules.map((r) => r.test), match),
    yesStep: Object.freeze({ node: id, result: true }),
    noStep: Object.freeze({ node: id, result: false }),
    yes: placeholder,
    no: placeholder,
  };
}

/**
 * Compiles the nodes reachable from `start` and links branches, iteratively (a 10,000-node chain must
 * not exhaust the call stack). A branch to a node still on the DFS stack would close a cycle: it becomes
 * a dead end instead, as does a missing or dangling branch.
 */
function link(
  start: string,
  nodes: ReadonlyMap<string, SchemeNode>,
  compiled: Map<string, PlanNode>,
  compileNode: (id: string, node: SchemeNode) => PlanNode,
  deadEndLeaf: (reason: string) => Leaf,
): PlanNode {
  const startNode = nodes.get(start);
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
    const source = nodes.get(top.id) as ConditionNode;
    const target = yes ? source.then : source.else;
    const label = yes ? 'yes' : 'no';
    let next: PlanNode;
    const targetNode = target === undefined ? undefined : nodes.get(target);
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

function cascadePolicies(nodes: ReadonlyMap<string, SchemeNode>): ReadonlyMap<string, CascadePolicy> {
  const policies = new Map<string, CascadePolicy>();
  for (const [id, node] of nodes) {
    if (node.type !== 'strategy' || node.strategy === 'blank') continue;
    const cascade = node.cascade;
    policies.set(id, Object.freeze({
      max_attempts: cascade?.max_attempts ?? 1,
      on: Object.freeze([...(cascade?.on ?? [])]),
    }));
  }
  return policies;
}

/** Per leaf: its processors' eligibility entries (undefined = unknown id) and the fields they restrict. */
type Resolved = readonly { readonly entries: readonly (EligibilityEntry | undefined)[]; readonly needs: number }[];

class CompiledPlan implements Plan {
  private lastSet: ProcessorSet | null = null;
  private lastResolved: Resolved = [];
  private readonly resolvedBySet = new WeakMap<ProcessorSet, Resolved>();
  /** Reused by every decision: evaluation is synchronous and returns before the next one starts. */
  private readonly fields: PaymentFields = { currency: undefined, method: undefined, country: undefined };

  constructor(
    readonly document: SchemeDocument,
    private readonly root: PlanNode,
    private readonly leaves: readonly Leaf[],
    private readonly cascades: ReadonlyMap<string, CascadePolicy>,
  ) {}

  decide(transaction: Transaction, processors: ProcessorSet, options?: DecideOptions): Decision {
    const tx: unknown = transaction;
    if (options?.trace === true) return this.decideTraced(tx, processors);
    const path: PathStep[] = [];
    let node = this.root;
    while (node.kind === 'condition') {
      if (node.test(tx)) {
        path.push(node.yesStep);
        node = node.yes;
      } else {
        path.push(node.noStep);
        node = node.no;
      }
    }
    const { entries, needs } = this.resolve(processors)[node.index]!;
    return decideAtLeaf(node, tx, entries, readPaymentFields(tx, this.fields, needs), path, null);
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
    const { entries, needs } = this.resolve(processors)[node.index]!;
    const decision = decideAtLeaf(node, tx, entries, readPaymentFields(tx, this.fields, needs), path, skipped);
    decision.trace = { conditions, skipped };
    return decision;
  }

  cascadeOf(nodeId: string): CascadePolicy | undefined {
    return this.cascades.get(nodeId);
  }

  /** Each leaf's processor ids looked up once per processor set, so a decision does no id lookups. */
  private resolve(set: ProcessorSet): Resolved {
    if (set === this.lastSet) return this.lastResolved;
    let resolved = this.resolvedBySet.get(set);
    if (resolved === undefined) {
      const entries = processorIndexOf(set).entries;
      resolved = this.leaves.map((leaf) => {
        const resolvedEntries = leaf.processorIds.map((id) => entries.get(id));
        return { entries: resolvedEntries, needs: leaf.refusal === null ? neededFields(resolvedEntries) : 0 };
      });
      this.resolvedBySet.set(set, resolved);
    }
    this.lastSet = set;
    this.lastResolved = resolved;
    return resolved;
  }
}
