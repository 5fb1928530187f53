import { z } from 'zod';
import type { Filter, ProcessorRoute } from '../../lib/engine/types';
import { FilterIdSchema, ProcessorIdSchema, RouteIdSchema, RuleSchema } from '../../lib/scheme/schema';
import { readJsonFile } from './files';
import { InputError } from './problems';

/**
 * The --registry file: the processor routes and filters a scheme may reference, as the database would
 * hold them. Shapes follow the engine's ProcessorRoute and Filter types.
 */
const RegistryFileSchema = z.strictObject({
  routes: z
    .array(z.strictObject({ id: RouteIdSchema, name: z.string().min(1).max(200), processors: z.array(ProcessorIdSchema).max(1000) }))
    .max(10_000)
    .optional(),
  filters: z
    .array(
      z.strictObject({
        id: FilterIdSchema,
        name: z.string().min(1).max(200),
        match: z.enum(['all', 'any']).optional(),
        rules: z.array(RuleSchema).max(1000),
      }),
    )
    .max(10_000)
    .optional(),
});

export async function loadRegistry(path: string): Promise<{ routes?: ProcessorRoute[]; filters?: Filter[] }> {
  const parsed = RegistryFileSchema.safeParse(await readJsonFile(path));
  if (parsed.success) return parsed.data;
  throw new InputError(
    parsed.error.issues.map((issue) => ({
      code: 'invalid_registry', message: issue.message, path: issue.path as (string | number)[], file: path, severity: 'error',
    })),
  );
}
