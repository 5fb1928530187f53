/**
 * "Run all" of the Tests view: every enabled case decided by the editor's document as it is now
 * (saved or not), in the browser, with the same compile and decide as publishing runs.
 */
import { compile, indexProcessors, type Decision, type Problem } from '../engine';
import type { SchemeDocument } from '../scheme/schema';
import { mismatches, type ExpectedDecision, type Mismatch } from '../scheme/test-case';
import { compileOptionsFor, type AccountContext } from '../account/context';

export interface CaseToRun {
  id: string;
  transaction: Record<string, unknown>;
  expected: ExpectedDecision;
  enabled: boolean;
}

export interface CaseResult {
  passed: boolean;
  mismatches: Mismatch[];
  decision: Decision;
}

export type TestRunResult = { kind: 'ran'; results: Record<string, CaseResult> } | { kind: 'not_compiled'; errors: Problem[] };

export function runCasesOnDocument(doc: SchemeDocument, account: AccountContext, cases: readonly CaseToRun[]): TestRunResult {
  const options = compileOptionsFor(account);
  const compiled = compile(doc, options);
  if (!compiled.ok) return { kind: 'not_compiled', errors: compiled.errors };
  const processors = indexProcessors(options.registry.processors);
  const results: Record<string, CaseResult> = {};
  for (const c of cases) {
    if (!c.enabled) continue;
    const decision = compiled.plan.decide(c.transaction, processors);
    const found = mismatches(decision, c.expected);
    results[c.id] = { passed: found.length === 0, mismatches: found, decision };
  }
  return { kind: 'ran', results };
}

/** The cases as JSON lines, the format the import reads. */
export function casesAsJsonLines(cases: readonly (CaseToRun & { name: string })[]): string {
  return cases.map((c) => JSON.stringify({ name: c.name, transaction: c.transaction, expected: c.expected, enabled: c.enabled })).join('\n') + (cases.length ? '\n' : '');
}

/** What a decision gave, as an expectation to save (processor and outcome always; node and candidates when asked). */
export function expectationOf(decision: Decision, include: { node: boolean; candidates: boolean }): ExpectedDecision {
  return {
    outcome: decision.outcome,
    processor: decision.processor,
    ...(include.node ? { node: decision.node } : {}),
    ...(include.candidates ? { candidates: decision.candidates } : {}),
  };
}
