import 'server-only';
import type { Db } from '@/db/client';
import { compile, indexProcessors, type Decision, type Problem } from '@/lib/engine';
import { lintTransaction, type TransactionWarning } from '@/lib/transactions';
import { readTransactionText } from '@/lib/transactions/reader';
import { loadCompileContext } from './compile-context';
import { getScheme } from './schemes';
import { fail, notFound, ok, type Result } from './result';

/**
 * The draft's checks: compile against the account, and a traced dry run. Published versions are
 * decided by `decisions.ts` from a cache; the compile context is `compile-context.ts`; transactions
 * are read by `lib/transactions/reader.ts`.
 */
export { loadCompileContext, type CompileContext } from './compile-context';
export { MAX_TRANSACTION_BYTES } from '@/lib/transactions/reader';

export interface DraftCheck {
  errors: Problem[];
  warnings: Problem[];
}

/** Compile a document against the account: every error and warning, each with its path and node. */
export async function checkDocument(db: Db, document: unknown): Promise<DraftCheck> {
  const result = compile(document, await loadCompileContext(db));
  return { errors: result.ok ? [] : result.errors, warnings: result.warnings };
}

export type DryRun = { kind: 'decision'; decision: Decision; warnings: TransactionWarning[] } | { kind: 'not_compiled'; errors: Problem[] };

/**
 * Decide one transaction with the draft, traced, exactly as production would decide it with the same
 * document and processors (weights and random choices are a pure function of ids).
 */
export async function dryRunDraft(db: Db, schemeId: string, transactionJson: string): Promise<Result<DryRun>> {
  const transaction = readTransactionText(transactionJson);
  if (!transaction.ok) return fail({ code: 'validation', message: transaction.issue.message, issues: [transaction.issue] });
  const scheme = await getScheme(db, schemeId);
  if (!scheme) return fail(notFound('Scheme', schemeId));
  const context = await loadCompileContext(db);
  const compiled = compile(scheme.document, context);
  if (!compiled.ok) return ok({ kind: 'not_compiled', errors: compiled.errors });
  const decision = compiled.plan.decide(transaction.value, indexProcessors(context.registry.processors), { trace: true });
  return ok({ kind: 'decision', decision, warnings: lintTransaction(transaction.value, context.catalog) });
}
