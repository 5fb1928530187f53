import { z } from 'zod';

/**
 * Text every input must be before anything reads it: no NUL (Postgres refuses it in text) and
 * well-formed UTF-16 (a lone surrogate cannot be stored as UTF-8 and would come back mangled).
 * One check, applied to every string and key of an input, so each service and handler inherits it.
 */
export function textProblem(value: string): string | undefined {
  if (!HOSTILE.test(value)) return undefined;
  return value.includes('\u0000') ? 'contains a NUL character (\\u0000)' : 'contains a lone surrogate (not well-formed Unicode)';
}

// With the u flag a paired surrogate is one code point, so \p{Cs} matches only lone halves.
const HOSTILE = /[\u0000\p{Cs}]/u;

export interface TextIssue {
  path: (string | number)[];
  message: string;
}

const MAX_REPORTED = 20;

/** Every string (and object key) of `value` that `textProblem` refuses, at its path; at most 20 reported. */
export function findTextIssues(value: unknown): TextIssue[] {
  const issues: TextIssue[] = [];
  walk(value, [], issues);
  return issues;
}

function walk(value: unknown, path: (string | number)[], issues: TextIssue[]): void {
  if (issues.length >= MAX_REPORTED) return;
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) issues.push({ path, message: problem });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) walk(value[i], [...path, i], issues);
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const problem = textProblem(key);
      if (problem) issues.push({ path: [...path, printableKey(key)], message: `the key ${problem}` });
      walk((value as Record<string, unknown>)[key], [...path, key], issues);
    }
  }
}

const printableKey = (key: string) => quote(key.replace(/\u0000/g, '\\u0000').replace(/[\ud800-\udfff]/g, '\\ufffd'), 40);

/**
 * A value as an error message may quote it: at most `max` characters, so a megabyte of input never
 * comes back in an error.
 */
export function quote(value: string, max = 60): string {
  return value.length <= max ? value : `${value.slice(0, max)}… (${value.length} characters)`;
}

/** `schema.safeParse`, after the text check: hostile strings are refused with their paths before the schema sees them. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, params?: z.core.ParseContext<z.core.$ZodIssue>): z.ZodSafeParseResult<z.output<S>> {
  const issues = findTextIssues(input);
  if (issues.length > 0) {
    return { success: false, error: new z.ZodError(issues.map((issue) => ({ code: 'custom', input: undefined, ...issue }))) } as z.ZodSafeParseResult<z.output<S>>;
  }
  return schema.safeParse(input, params) as z.ZodSafeParseResult<z.output<S>>;
}

/** What an id in a path or a reference may be: letters, digits and `_ - . :`, at most 128 characters. */
export const ID_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,127}$/;
export const ID_RULE = 'not a valid id (letters, digits and _ - . : only, at most 128 characters)';
const MAX_ID_LENGTH = 128;

/**
 * Why `value` cannot be an id, said as the rest of a sentence ("… contains a NUL character"), or
 * undefined when it can. The most telling problem first: a megabyte of text is "too long", not "not
 * a valid id".
 */
export function idProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `is ${value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`}, not text`;
  if (value === '') return 'is empty';
  const text = textProblem(value);
  if (text) return text;
  if (value.length > MAX_ID_LENGTH) return `is ${value.length.toLocaleString('en')} characters long; an id has at most ${MAX_ID_LENGTH}`;
  return ID_PATTERN.test(value) ? undefined : `is ${ID_RULE}`;
}
