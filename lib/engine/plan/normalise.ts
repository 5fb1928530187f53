import type { Normalisation } from '../../catalog/types';

/**
 * Case normalisation without allocating when the string is already normalised: toUpperCase() costs
 * ~50 ns even on "GB", so ASCII strings are scanned first and only converted when they must change.
 */

export function toUpper(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || c > 127) return s.toUpperCase();
  }
  return s;
}

export function toLower(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return s.toLowerCase();
  }
  return s;
}

/** The normaliser of attributes without normalisation (free text). */
export const unchanged = (s: string): string => s;

export type StringNormaliser = (s: string) => string;

export function normaliserFor(normalisation: Normalisation | undefined): StringNormaliser {
  if (normalisation === 'upper') return toUpper;
  if (normalisation === 'lower') return toLower;
  return unchanged;
}
