import { describe, expect, it } from 'vitest';
import { freeModifierKeys, modifierKeyProblem, parseModifierValue, renameModifier, setModifier } from './inspector-modifiers';

describe('modifiers', () => {
  it('sets in place, appends new keys, and drops the object when empty', () => {
    const mods = { three_ds: 'required', note: 'x' };
    expect(Object.keys(setModifier(mods, 'three_ds', 'skip')!)).toEqual(['three_ds', 'note']);
    expect(setModifier(mods, 'cvv', 'skip')).toEqual({ three_ds: 'required', note: 'x', cvv: 'skip' });
    expect(setModifier({ cvv: 'skip' }, 'cvv', undefined)).toBeUndefined();
    expect(setModifier(undefined, 'cvv', 'skip')).toEqual({ cvv: 'skip' });
  });

  it('lists free keys apart from the known ones', () => {
    expect(freeModifierKeys({ three_ds: 'skip', acquirer_hint: 'eu', cvv: 'skip' })).toEqual(['acquirer_hint']);
    expect(freeModifierKeys(undefined)).toEqual([]);
  });

  it('renames in place and refuses clashes', () => {
    expect(Object.keys(renameModifier({ a: 1, b: 2 }, 'a', 'c')!)).toEqual(['c', 'b']);
    expect(modifierKeyProblem({ a: 1, b: 2 }, 'b', 'a')).toMatch(/already/);
    expect(modifierKeyProblem({ a: 1 }, 'a', 'a')).toBeNull();
    expect(modifierKeyProblem({}, ' ')).toMatch(/needs a key/);
    expect(modifierKeyProblem({}, 'k'.repeat(65))).toMatch(/64/);
  });

  it('keeps a value type while the text still reads as one', () => {
    expect(parseModifierValue('7', 3)).toBe(7);
    expect(parseModifierValue('seven', 3)).toBe('seven');
    expect(parseModifierValue('false', true)).toBe(false);
    expect(parseModifierValue('7', 'text')).toBe('7');
    expect(parseModifierValue('true', undefined)).toBe('true');
  });
});
