/**
 * A dry run in the browser, on the editor's current (unsaved) document: the same compile and decide
 * the server runs, against the same account data, so the answer is the one production would give.
 */
import { compile, indexProcessors, type Decision, type Problem } from '../engine';
import type { SchemeDocument } from '../scheme/schema';
import { lintTransaction, type TransactionWarning } from '../transactions';
import { compileOptionsFor, type AccountContext } from '../account/context';

/** The largest transaction the dry run reads, as the server's limit. */
export const MAX_DRY_RUN_BYTES = 64 * 1024;

export type DryRunResult =
  | { kind: 'decision'; decision: Decision; warnings: TransactionWarning[] }
  | { kind: 'not_compiled'; errors: Problem[] }
  | { kind: 'bad_input'; message: string };

/** Reads the transaction text: a JSON object of at most MAX_DRY_RUN_BYTES, or why not. */
export function parseTransactionText(text: string): { ok: true; transaction: Record<string, unknown> } | { ok: false; message: string } {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_DRY_RUN_BYTES) return { ok: false, message: `A transaction is at most 64 KB of JSON; this one is ${Math.ceil(bytes / 1024)} KB.` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: 'A transaction is a JSON object.' };
  return { ok: true, transaction: value as Record<string, unknown> };
}

export function dryRun(doc: SchemeDocument, account: AccountContext, transactionText: string): DryRunResult {
  const parsed = parseTransactionText(transactionText);
  if (!parsed.ok) return { kind: 'bad_input', message: parsed.message };
  const options = compileOptionsFor(account);
  const compiled = compile(doc, options);
  if (!compiled.ok) return { kind: 'not_compiled', errors: compiled.errors };
  const decision = compiled.plan.decide(parsed.transaction, indexProcessors(options.registry.processors), { trace: true });
  return { kind: 'decision', decision, warnings: lintTransaction(parsed.transaction, options.catalog) };
}
