import { builtinCatalog } from '../catalog';
import type { AttributeSpec } from '../catalog/types';
import { normaliseString } from '../catalog/operators';
import type { Transaction } from '../engine/types';

/**
 * The segments traffic is broken down by. A value is kept only when it is one of the attribute's
 * known codes (after the catalog's normalisation): anything else reads as `other`, so a client cannot
 * grow the rollups without bound by sending made-up values. An absent value is ''.
 */
export const SEGMENT_DIMENSIONS = ['currency', 'card_country', 'card_brand', 'payment_method'] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

export const SEGMENT_ATTRIBUTES: Readonly<Record<SegmentDimension, string>> = {
  currency: 'currency',
  card_country: 'card.issuer_country',
  card_brand: 'card.brand',
  payment_method: 'payment_method',
};

export const SEGMENT_LABELS: Readonly<Record<SegmentDimension, string>> = {
  currency: 'Currency',
  card_country: 'Card country',
  card_brand: 'Card brand',
  payment_method: 'Payment method',
};

export const OTHER_VALUE = 'other';

export type Segments = Record<SegmentDimension, string>;

interface Reader {
  dimension: SegmentDimension;
  path: string[];
  spec: AttributeSpec;
  known: ReadonlySet<string>;
}

let readers: Reader[] | undefined;

function segmentReaders(): Reader[] {
  readers ??= SEGMENT_DIMENSIONS.map((dimension) => {
    const name = SEGMENT_ATTRIBUTES[dimension];
    const spec = builtinCatalog().get(name)!;
    return { dimension, path: name.split('.'), spec, known: new Set(spec.domain ?? []) };
  });
  return readers;
}

/** One segment's value of a transaction (what segmentsOf reads for that dimension). */
export function segmentValueOf(transaction: Transaction, dimension: SegmentDimension): string {
  return valueAt(transaction, segmentReaders().find((r) => r.dimension === dimension)!);
}

export function segmentsOf(transaction: Transaction): Segments {
  const segments = {} as Segments;
  for (const reader of segmentReaders()) segments[reader.dimension] = valueAt(transaction, reader);
  return segments;
}

/** A value as the log stores it (the catalog's normalisation), to filter recorded traffic by. */
export function normaliseSegmentValue(dimension: SegmentDimension, value: string): string {
  const reader = segmentReaders().find((r) => r.dimension === dimension)!;
  return normaliseString(value.trim(), reader.spec.normalise);
}

function valueAt(transaction: Transaction, reader: Reader): string {
  let value: unknown = transaction;
  for (const key of reader.path) {
    if (value === null || typeof value !== 'object') return '';
    value = (value as Record<string, unknown>)[key];
  }
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return OTHER_VALUE;
  const normalised = normaliseString(value.trim(), reader.spec.normalise);
  return reader.known.has(normalised) ? normalised : OTHER_VALUE;
}
