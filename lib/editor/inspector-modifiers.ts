import type { Modifiers } from '../scheme/schema';

/**
 * Editing a strategy's modifiers (what the decision asks of the payment). 3-D Secure and CVV have
 * fixed choices; any other key is free and returned verbatim by the decision. An edit that leaves no
 * modifier gives undefined, so the node drops the key instead of keeping `{}`.
 */
type ModifierValue = Modifiers[string];

export const KNOWN_MODIFIERS: readonly { key: string; label: string; choices: readonly string[] }[] = [
  { key: 'three_ds', label: '3-D Secure', choices: ['required', 'skip'] },
  { key: 'cvv', label: 'CVV', choices: ['skip'] },
];
const KNOWN_KEYS = new Set(KNOWN_MODIFIERS.map((m) => m.key));

/** The keys shown as free rows: everything but the known ones, in document order. */
export function freeModifierKeys(modifiers: Modifiers | undefined): string[] {
  return Object.keys(modifiers ?? {}).filter((key) => !KNOWN_KEYS.has(key));
}

const orUndefined = (entries: [string, ModifierValue][]): Modifiers | undefined =>
  entries.length === 0 ? undefined : Object.fromEntries(entries);

/** Sets (or with undefined removes) one modifier; an existing key keeps its place. */
export function setModifier(modifiers: Modifiers | undefined, key: string, value: ModifierValue | undefined): Modifiers | undefined {
  const entries = Object.entries(modifiers ?? {});
  if (value === undefined) return orUndefined(entries.filter(([k]) => k !== key));
  if (Object.hasOwn(modifiers ?? {}, key)) return orUndefined(entries.map(([k, v]) => [k, k === key ? value : v]));
  return orUndefined([...entries, [key, value]]);
}

export const MODIFIER_KEY_MAX = 64;

/** Why `key` cannot name a new or renamed modifier, or null. */
export function modifierKeyProblem(modifiers: Modifiers | undefined, key: string, current?: string): string | null {
  const trimmed = key.trim();
  if (trimmed === '') return 'A modifier needs a key.';
  if (trimmed.length > MODIFIER_KEY_MAX) return `A key has at most ${MODIFIER_KEY_MAX} characters.`;
  if (trimmed !== current && Object.hasOwn(modifiers ?? {}, trimmed)) return `"${trimmed}" is already set.`;
  return null;
}

/** Renames a modifier in place (its value and position kept). */
export function renameModifier(modifiers: Modifiers | undefined, from: string, to: string): Modifiers | undefined {
  return orUndefined(Object.entries(modifiers ?? {}).map(([k, v]) => [k === from ? to.trim() : k, v]));
}

/**
 * Typed text as a modifier value. A value keeps its type while the text still reads as one (a number
 * stays a number, true / false stay booleans); otherwise, and for new keys, it is text, returned
 * verbatim by the decision.
 */
export function parseModifierValue(text: string, previous: ModifierValue | undefined): ModifierValue {
  const trimmed = text.trim();
  if (typeof previous === 'number' && trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (typeof previous === 'boolean' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  return text;
}
