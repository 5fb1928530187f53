import { z } from 'zod';
import { ProcessorSchema } from './schema';

/** What ops staff fill in to register a processor: the engine's shape with name and provider required. */
export const ProcessorRegistrationSchema = ProcessorSchema.omit({ created_at: true }).extend({
  name: z.string().trim().min(1, 'Name is required').max(120),
  provider: z.string().trim().min(1, 'Provider is required').max(60),
});

export const ProcessorUpdateSchema = ProcessorRegistrationSchema.omit({ id: true });
