import 'server-only';
import type { Db } from '@/db/client';
import { compileOptionsFor, type AccountContext } from '@/lib/account/context';
import { compile, indexProcessors, type Plan, type ProcessorSet } from '@/lib/engine';
import type { RunTarget, TargetLabel } from '@/lib/simulation/run-request';
import type { SchemeDocument } from '@/lib/scheme/schema';
import { getVersion } from './publishing';
import { getScheme } from './schemes';
import { getSettings } from './settings';
import { fail, notFound, ok, type Result } from './result';

/** A run's document, compiled: what it decides with, and what is stored to replay it. */
export interface CompiledTarget {
  label: TargetLabel;
  document: SchemeDocument;
  /** The account data it compiled against (a version's own filters and routes). */
  account: AccountContext;
  plan: Plan;
  processors: ProcessorSet;
}

/** Resolves a target (unsaved document, draft, version, active) of `schemeId` and compiles it; compile errors are validation issues under `at`. */
export async function compileTarget(db: Db, schemeId: string, target: RunTarget, account: AccountContext, at: string): Promise<Result<CompiledTarget>> {
  const resolved = await documentOf(db, schemeId, target, account);
  if (!resolved.ok) return resolved;
  return compileFor(resolved.value.label, resolved.value.document, resolved.value.account, at);
}

/** Compiles a stored run's document again, for its export. */
export function compileFor(label: TargetLabel, document: unknown, account: AccountContext, at: string): Result<CompiledTarget> {
  const options = compileOptionsFor(account);
  const compiled = compile(document, options);
  if (!compiled.ok) {
    return fail({
      code: 'validation',
      message: 'The scheme does not compile, so it cannot be simulated.',
      issues: compiled.errors.slice(0, 50).map((e) => ({ path: [at, ...e.path], message: e.message })),
    });
  }
  return ok({
    label,
    document: compiled.plan.document,
    account,
    plan: compiled.plan,
    processors: indexProcessors(options.registry.processors),
  });
}

async function documentOf(
  db: Db,
  schemeId: string,
  target: RunTarget,
  account: AccountContext,
): Promise<Result<{ label: TargetLabel; document: unknown; account: AccountContext }>> {
  const scheme = await getScheme(db, schemeId);
  if (!scheme) return fail(notFound('Scheme', schemeId));
  switch (target.kind) {
    case 'unsaved':
      return ok({ label: { kind: 'unsaved', revision: target.revision }, document: target.document, account });
    case 'draft':
      return ok({ label: { kind: 'draft', revision: scheme.revision }, document: scheme.document, account });
    case 'version':
      return versionOf(db, schemeId, target.version, account);
    case 'active': {
      const settings = await getSettings(db);
      if (settings.active_scheme_id !== schemeId || settings.active_version === null) {
        return fail({ code: 'not_found', message: 'No version of this scheme is active: publish and activate one, or pick a version.' });
      }
      return versionOf(db, schemeId, settings.active_version, account);
    }
  }
}

async function versionOf(db: Db, schemeId: string, version: number, account: AccountContext) {
  const found = await getVersion(db, schemeId, version);
  if (!found.ok) return found;
  // A version compiles with the filters and routes it was published with (those it references).
  const pinned = { ...account, routes: found.value.routes, filters: found.value.filters };
  return ok({ label: { kind: 'version' as const, version }, document: found.value.document as unknown, account: pinned });
}
