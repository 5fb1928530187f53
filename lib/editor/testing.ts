import { SCHEME_FORMAT, type SchemeDocument } from '../scheme/schema';

/** A one-node document for tests. */
export function starterDoc(name: string): SchemeDocument {
  return { format: SCHEME_FORMAT, name, start: 'refuse', nodes: { refuse: { type: 'strategy', strategy: 'blank' } } };
}
