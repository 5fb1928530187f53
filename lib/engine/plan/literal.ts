/**
 * The one way a string from a document or a processor list reaches generated source: as a JSON literal,
 * with the line and paragraph separators that JSON allows in a string but older JavaScript did not escaped.
 */
export function literal(value: string | number | boolean): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
