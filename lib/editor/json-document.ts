import { readInput } from '../engine/check/limits';
import { structureProblems } from '../engine/check/structure';
import type { Problem } from '../engine/types';
import { SchemeDocumentSchema, type SchemeDocument } from '../scheme/schema';

export type ParsedScheme = { ok: true; doc: SchemeDocument } | { ok: false; problems: Problem[] };

/**
 * JSON text (the JSON tab, an imported file) → a scheme document, or why not: a syntax error with its
 * line and column, a size limit, or every problem the format finds, each with its JSON path. Graph rules
 * (dangling ids, unknown processors) are the checker's; a document with those still reaches the editor.
 */
export function parseSchemeText(text: string): ParsedScheme {
  const read = readInput(text);
  if (!read.ok) return { ok: false, problems: [read.problem] };
  const parsed = SchemeDocumentSchema.safeParse(read.value);
  // Parsing rebuilds objects in the schema's key order; the format has no defaults or transforms, so the
  // accepted input is the same data in the author's order — the order the JSON tab and the file keep.
  if (parsed.success) return { ok: true, doc: read.value as typeof parsed.data };
  return { ok: false, problems: structureProblems(parsed.error.issues, read.value) };
}
