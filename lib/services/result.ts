import type { z } from 'zod';
import { quote } from '@/lib/text/hostile';

export type { FieldIssue, Reference, ServiceError, Result } from '@/lib/result';
import type { Reference, ServiceError, Result } from '@/lib/result';

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: ServiceError): Result<T> => ({ ok: false, error });

export function validationError(error: z.ZodError): ServiceError {
  return {
    code: 'validation',
    message: 'Some fields are not valid.',
    issues: error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: issue.message })),
  };
}

export function notFound(what: string, id: string): ServiceError {
  return { code: 'not_found', message: `${what} ${quote(id)} does not exist.` };
}

export function referencedError(what: string, references: Reference[]): ServiceError {
  const list = references.map((r) => `${r.kind.replace('_', ' ')} "${r.name}"`).join(', ');
  return { code: 'referenced', message: `${what} is still referenced by ${list}.`, references };
}

/**
 * The constraint a Postgres unique violation (SQLSTATE 23505) broke, or undefined for any other error.
 * drizzle wraps the driver's error in `cause`; postgres.js names the constraint `constraint_name`,
 * PGlite `constraint`.
 */
export function uniqueViolation(error: unknown): string | undefined {
  for (let e = error as DriverError | undefined, hops = 0; e && hops < 5; e = e.cause, hops++) {
    if (e.code === '23505') return e.constraint_name ?? e.constraint ?? '';
  }
  return undefined;
}

interface DriverError {
  code?: unknown;
  constraint?: string;
  constraint_name?: string;
  cause?: DriverError;
}

/** A clash on a primary key or unique name, said the way a form shows it. */
export const idTaken = (what: string, id: string) =>
  fail<never>({ code: 'conflict', message: `A ${what} with id ${id} already exists.`, issues: [{ path: ['id'], message: 'Id already in use' }] });

export const nameTaken = (what: string, name: string) =>
  fail<never>({ code: 'conflict', message: `A ${what} named "${name}" already exists.`, issues: [{ path: ['name'], message: 'Name already in use' }] });
