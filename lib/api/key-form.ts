import type { FormState } from '@/lib/forms/form-state';

/** The create-key form's state: on success it carries the new secret, shown this once and never again. */
export type CreateKeyState = FormState & { created?: { id: string; name: string; prefix: string; secret: string } };
