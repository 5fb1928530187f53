import { describe, expect, it } from 'vitest';
import { moveItem, removeItem, replaceItem } from './inspector-list';
import { withField, CONDITION_KEY_ORDER } from './inspector-fields';

describe('list edits', () => {
  it('moves, removes and replaces without touching the input', () => {
    const list = ['a', 'b', 'c'];
    expect(moveItem(list, 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(list, 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(list, 0, 5)).toEqual(list);
    expect(removeItem(list, 1)).toEqual(['a', 'c']);
    expect(replaceItem(list, 1, 'x')).toEqual(['a', 'x', 'c']);
    expect(list).toEqual(['a', 'b', 'c']);
  });
});

describe('fields in the author\'s order', () => {
  const node = { type: 'condition', rules: [], then: 'a', else: 'b' };
  it('inserts a new key at its canonical place among the existing ones', () => {
    expect(Object.keys(withField(node, 'label' as never, 'L' as never, CONDITION_KEY_ORDER))).toEqual(['type', 'label', 'rules', 'then', 'else']);
  });
  it('replaces in place and removes', () => {
    const odd = { rules: [], type: 'condition', label: 'x' };
    expect(Object.keys(withField(odd, 'label', 'y', CONDITION_KEY_ORDER))).toEqual(['rules', 'type', 'label']);
    expect(withField(odd, 'label', undefined, CONDITION_KEY_ORDER)).toEqual({ rules: [], type: 'condition' });
  });
});
