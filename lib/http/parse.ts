import 'server-only';
import type { z } from 'zod';
import { fail, ok, validationError, type Result } from '@/lib/services/result';
import { parseInput } from '@/lib/text/hostile';

/** A body through a zod schema: the value, or a 400 with every issue and its path. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): Result<z.output<S>> {
  const parsed = parseInput(schema, body);
  return parsed.success ? ok(parsed.data) : fail(validationError(parsed.error));
}
