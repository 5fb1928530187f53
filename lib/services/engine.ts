import type { Db } from '@/db/client';
import type { Catalog } from '@/lib/catalog';
import { compileOptionsFor } from '@/lib/editor/account';
import { compile, indexProcessors, type Decision, type Problem, type Registry } from '@/lib/engine';
import { loadAccountContext } from './account-context';
import { getScheme } from './schemes';
import { fail, notFound, ok, type Result } from './result';

/** What a scheme compiles against in this account: processors, routes, filters, custom attributes, time zone. */
export interface CompileContext {
  registry: Required<Registry>;
  catalog: Catalog;
  timeZone: string;
}

export async function loadCompileContext(db: Db): Promise<CompileContext> {
  return compileOptionsFor(await loadAccountContext(db));
}

export interface DraftCheck {
  errors: Problem[];
  warnings: Problem[];
}

/** Compile a document against the account: every error and warning, each with its path and node. */
export async function checkDocument(db: Db, document: unknown): Promise<DraftCheck> {
  const result = compile(document, await loadCompileContext(db));
  return { errors: result.ok ? [] : result.errors, warnings: result.warnings };
}

export const MAX_TRANSACTION_BYTES = 64 * 1024;

export type DryRun = { kind: 'decision'; decision: Decision } | { kind: 'not_compiled'; errors: Problem[] };

/**
 * Decide one transaction with the draft, traced, exactly as production would decide it with the same
 * document and processors (weights and random choices are a pure function of ids).
 */
export async function dryRunDraft(db: Db, schemeId: string, transactionJson: string): Promise<Result<DryRun>> {
  const transaction = parseTransaction(transactionJson);
  if (!transaction.ok) return transaction;
  const scheme = await getScheme(db, schemeId);
  if (!scheme) return fail(notFound('Scheme', schemeId));
  const context = await loadCompileContext(db);
  const compiled = compile(scheme.document, context);
  if (!compiled.ok) return ok({ kind: 'not_compiled', errors: compiled.errors });
  const decision = compiled.plan.decide(transaction.value, indexProcessors(context.registry.processors), { trace: true });
  return ok({ kind: 'decision', decision });
}

function parseTransaction(text: string): Result<Record<string, unknown>> {
  const problem = (message: string) => fail<Record<string, unknown>>({ code: 'validation', message, issues: [{ path: ['transaction'], message }] });
  if (text.length > MAX_TRANSACTION_BYTES) return problem(`A transaction is at most ${MAX_TRANSACTION_BYTES / 1024} KB of JSON.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return problem(`Not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return problem('A transaction is a JSON object.');
  return ok(value as Record<string, unknown>);
}
