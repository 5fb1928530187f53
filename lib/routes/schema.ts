import { z } from 'zod';

/**
 * A processor route as created or edited. Processors may be given as ids or, following the
 * REST shape payment APIs use, as {processor_id} items; the order is the try order.
 */
const ProcessorItem = z.union([z.string().min(1).max(128), z.strictObject({ processor_id: z.string().min(1).max(128) })]).transform((item) => (typeof item === 'string' ? item : item.processor_id));

export const ProcessorRouteInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name is required').max(120),
  processors: z
    .array(ProcessorItem)
    .min(1, 'A route needs at least one processor')
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, 'A processor may appear only once in a route'),
});

export const ProcessorRoutePatchSchema = ProcessorRouteInputSchema.partial();
