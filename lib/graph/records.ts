/**
 * Node ids are user text and may be "__proto__", "constructor" or "toString". Plain `record[id]`
 * would read the prototype chain and `record[id] = v` could replace the prototype, so every keyed
 * read in lib/graph goes through ownValue and every record is built with Object.fromEntries
 * (which defines own properties).
 */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

export function hasOwnKey(record: object | undefined, key: string): boolean {
  return record !== undefined && Object.hasOwn(record, key);
}
