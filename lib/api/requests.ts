import { z } from 'zod';
import { SchemeDocumentSchema } from '@/lib/scheme/schema';
import { decimalFromText } from './query-number';

/** Request bodies of /api/v1 that are not a service's own input schema. */
export const SaveDraftRequestSchema = z.strictObject({
  /** The revision the draft had when the caller read it: a save over a newer revision is a 409. */
  revision: z.int().min(1),
  document: SchemeDocumentSchema,
});


export const ActivateRequestSchema = z.strictObject({
  version: z.int().min(1).describe('The published version to make active; an older one is a rollback.'),
});

/** A version number from the path or the query. */
export const VersionNumberSchema = decimalFromText(
  z.int({ error: 'A version is a whole number from 1, written in decimal' }).min(1, 'A version is a whole number from 1'),
);

export const DiffQuerySchema = z.strictObject({
  from: VersionNumberSchema.describe('The older version.'),
  to: VersionNumberSchema.describe('The newer version.'),
});

export const VersionParamSchema = z.strictObject({ version: VersionNumberSchema });
