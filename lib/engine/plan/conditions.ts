import type { ConditionNode, Rule } from '../../scheme/schema';
import type { PathStep } from '../types';
import type { Condition, PlanNode } from './nodes';
import { compileRule, joinTests, type CompiledRule, type RuleContext, type Test } from './rules';

/**
 * A condition whose rules are compiled the first time something needs them: the code generator when it
 * writes the function holding the condition (codegen.ts generates a function when a decision first
 * reaches it), or the closure walk and the traced path. Building a large plan thus compiles only the
 * top of the tree; a subtree no payment reaches costs nothing.
 */
export class CompiledCondition implements Condition {
  readonly kind = 'condition';
  readonly yesStep: PathStep;
  readonly noStep: PathStep;
  yes: PlanNode;
  no: PlanNode;
  private compiled: readonly CompiledRule[] | undefined;
  private joined: Test | undefined;

  constructor(
    readonly id: string,
    readonly match: 'all' | 'any',
    private readonly source: readonly Rule[],
    private readonly context: RuleContext,
    placeholder: PlanNode,
  ) {
    this.yesStep = Object.freeze({ node: id, result: true });
    this.noStep = Object.freeze({ node: id, result: false });
    this.yes = placeholder;
    this.no = placeholder;
  }

  get rules(): readonly CompiledRule[] {
    return (this.compiled ??= this.source.map((rule) => compileRule(rule, this.context)));
  }

  test(tx: unknown): boolean {
    return (this.joined ??= joinTests(this.rules.map((r) => r.test), this.match))(tx);
  }
}

export function compileCondition(id: string, node: ConditionNode, context: RuleContext, placeholder: PlanNode): Condition {
  return new CompiledCondition(id, node.match ?? 'all', node.rules, context, placeholder);
}

/**
 * Whether any of these rules (filters followed, each once) reads a time attribute: the plan then needs
 * its clock, and builds it at once, so that an unknown time zone fails the build rather than a decision.
 */
export function readsTime(rules: readonly Rule[], context: RuleContext, seen = new Set<string>()): boolean {
  for (const rule of rules) {
    if ('filter' in rule) {
      const filter = context.filters.get(rule.filter);
      if (filter === undefined || seen.has(rule.filter)) continue;
      seen.add(rule.filter);
      if (readsTime(filter.rules, context, seen)) return true;
    } else if (context.catalog.get(rule.attribute)?.derived) return true;
  }
  return false;
}
