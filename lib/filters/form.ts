import { text } from '../forms/form-data';

/**
 * The filter form's fields as the filter schema expects them. The row editor sends the rules as one
 * JSON field; text that is not JSON is passed on as it is, so validation names the field.
 */
export function filterFromForm(form: FormData): Record<string, unknown> {
  const rules = text(form, 'rules') ?? '';
  let parsed: unknown = rules;
  try {
    parsed = JSON.parse(rules);
  } catch {
    // left as text: "The filter must be a list"
  }
  return { name: text(form, 'name'), match: text(form, 'match'), rules: parsed };
}
