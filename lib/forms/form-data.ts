/** Reading FormData into plain objects that zod then validates (so the server and the form share one schema). */

export function text(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** A number field: empty → undefined (the schema's default applies), anything else → Number (NaN fails validation). */
export function number(form: FormData, name: string): number | undefined {
  const value = text(form, name)?.trim();
  return value ? Number(value) : undefined;
}

/** A multi-value field (repeated inputs of one name), empty strings dropped. */
export function list(form: FormData, name: string): string[] {
  return form.getAll(name).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

/** Everything submitted, as typed (repeated names → lists), to refill a refused form. */
export function submittedValues(form: FormData): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith('$ACTION')) continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
    values[key] = all.length > 1 ? all : all[0];
  }
  return values;
}
