import { METADATA_PREFIX } from '../catalog/builtin';
import type { AttributeSpec, Catalog } from '../catalog/types';

/**
 * The attribute picker's search: the catalog grouped by category (in catalog order, custom attributes
 * in their own group), filtered by every word of the query against name, label, description and group,
 * plus a free `metadata.<key>` entry for keys the catalog cannot list.
 */
export interface AttributeGroup {
  group: string;
  attributes: AttributeSpec[];
}

const haystack = (spec: AttributeSpec) => `${spec.name} ${spec.label} ${spec.description} ${spec.group}`.toLowerCase();

export function searchAttributes(catalog: Catalog, query: string): AttributeGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<string, AttributeSpec[]>();
  for (const spec of catalog.list()) {
    const text = haystack(spec);
    if (!words.every((w) => text.includes(w))) continue;
    const list = groups.get(spec.group) ?? [];
    list.push(spec);
    groups.set(spec.group, list);
  }
  return [...groups].map(([group, attributes]) => ({ group, attributes }));
}

/**
 * The metadata attribute a query stands for: "metadata.order_ref" or a bare key "order_ref" offer
 * `metadata.order_ref`, unless the catalog already lists that name. Undefined when the key is not a
 * valid metadata key (letters, digits, _ and -).
 */
export function metadataCandidate(catalog: Catalog, query: string): AttributeSpec | undefined {
  const trimmed = query.trim();
  const key = trimmed.startsWith(METADATA_PREFIX) ? trimmed.slice(METADATA_PREFIX.length) : trimmed;
  if (key === '') return undefined;
  const name = `${METADATA_PREFIX}${key}`;
  if (catalog.list().some((spec) => spec.name === name)) return undefined;
  return catalog.get(name);
}

/** The picker's options in display order, flattened: what arrow keys move through. */
export function pickerOptions(catalog: Catalog, query: string): AttributeSpec[] {
  const listed = searchAttributes(catalog, query).flatMap((g) => g.attributes);
  const metadata = metadataCandidate(catalog, query);
  return metadata ? [...listed, metadata] : listed;
}
