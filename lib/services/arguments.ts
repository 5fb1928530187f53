import 'server-only';
import { idProblem } from '@/lib/text/hostile';
import { fail, ok, type Result } from './result';

/*
 * The arguments a service is handed beside its `input` (which `parseInput` checks): the id a server
 * action was bound to, a path parameter, a version number, a flag, a command-line option. They come
 * from outside as much as a form does (a server action's arguments are whatever the browser posts),
 * so every service entry point checks them here before it builds a query: a NUL, a lone surrogate, a
 * megabyte of text or a number where an id belongs never reaches the database driver, whichever
 * caller (page, server action, route handler, command line) passed it.
 */

/** The largest value of the integer columns versions and revisions are stored in. */
const MAX_INTEGER = 2_147_483_647;

/** An id argument: text of letters, digits and `_ - . :`, at most 128 characters. */
export const anId = (value: unknown): string | undefined => idProblem(value);

/** A version number: a whole number from 1. */
export const aVersion = (value: unknown): string | undefined => wholeNumberProblem(value, MAX_INTEGER);

/** The revision a save started from; the save stores the next one, which must fit too. */
export const aRevision = (value: unknown): string | undefined => wholeNumberProblem(value, MAX_INTEGER - 1);

/** A yes-or-no argument. */
export const aFlag = (value: unknown): string | undefined => (typeof value === 'boolean' ? undefined : `is ${kindOf(value)}, not true or false`);

/** A reading that answers "nothing" rather than an error: no record can have an id that is not one. */
export const isId = (value: unknown): value is string => idProblem(value) === undefined;

/**
 * The one check of a service's arguments: each named with its problem (from `anId`, `aVersion`, …),
 * refused as a whole before anything is looked up. `{ scheme_id: anId(schemeId), version: aVersion(v) }`.
 */
export function checkArguments(problems: Record<string, string | undefined>): Result<void> {
  const issues = Object.entries(problems).flatMap(([name, problem]) => (problem === undefined ? [] : [{ path: [name], message: problem }]));
  if (issues.length === 0) return ok(undefined);
  const said = issues.map((issue) => `the ${String(issue.path[0]).replace(/_/g, ' ')} ${issue.message}`).join('; ');
  return fail({ code: 'validation', message: `Refused: ${said}. Nothing was looked up or changed.`, issues });
}

function wholeNumberProblem(value: unknown, max: number): string | undefined {
  if (typeof value !== 'number') return `is ${kindOf(value)}, not a number`;
  if (!Number.isInteger(value) || value < 1) return 'is not a whole number from 1';
  return value > max ? `is larger than ${max.toLocaleString('en')}` : undefined;
}

const kindOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'string' ? 'text' : `a ${typeof value}`);
