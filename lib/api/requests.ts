import { z } from 'zod';
import { SchemeDocumentSchema } from '@/lib/scheme/schema';

/** Request bodies of /api/v1 that are not a service's own input schema. */
export const SaveDraftRequestSchema = z.strictObject({
  /** The revision the draft had when the caller read it: a save over a newer revision is a 409. */
  revision: z.int().min(1),
  document: SchemeDocumentSchema,
});
export type SaveDraftRequest = z.output<typeof SaveDraftRequestSchema>;

/** Query of POST /simulate/batch (the body is the JSON lines). */
export const BatchSimulationQuerySchema = z.strictObject({
  scheme_id: z.string().min(1).max(100).optional(),
  version: z.coerce.number().int().min(1).optional(),
  seed: z.coerce.number().int().min(0).max(2 ** 32 - 1).optional(),
});
