import type { CompileOptions, CompileResult } from './types';
import { builtinCatalog } from '../catalog';
import { checkScheme } from './check';
import { buildPlan } from './plan';

/**
 * Document (unknown JSON) → all problems at once, or a compiled plan (document → compiler →
 * plan → evaluator). The checks run first and fully; a plan is only built from a document without errors.
 */
export function compile(input: unknown, options: CompileOptions = {}): CompileResult {
  const resolved = { ...options, catalog: options.catalog ?? builtinCatalog() };
  const checked = checkScheme(input, resolved);
  if (checked.errors.length > 0 || checked.document === undefined) {
    return { ok: false, errors: checked.errors, warnings: checked.warnings };
  }
  return { ok: true, plan: buildPlan(checked.document, resolved), warnings: checked.warnings };
}
