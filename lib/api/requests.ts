import { z } from 'zod';
import { SchemeDocumentSchema } from '@/lib/scheme/schema';

/** Request bodies of /api/v1 that are not a service's own input schema. */
export const SaveDraftRequestSchema = z.strictObject({
  /** The revision the draft had when the caller read it: a save over a newer revision is a 409. */
  revision: z.int().min(1),
  document: SchemeDocumentSchema,
});
export type SaveDraftRequest = z.output<typeof SaveDraftRequestSchema>;

