/**
 * "1 warning", "2 warnings", "0 warnings": a count with its noun in the right number (English).
 * Irregular plurals are passed in: plural(3, 'entry', 'entries').
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? singular : pluralForm}`;
}

/** The noun alone, in the number of the count: for layouts that show the count apart. */
export function noun(count: number, singular: string, pluralForm = `${singular}s`): string {
  return count === 1 ? singular : pluralForm;
}

/** "a, b and c" */
export function listInWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
