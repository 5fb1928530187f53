import { describe, expect, it } from 'vitest';
import { STRATEGIES } from './schema';
import { STRATEGY_WORDS } from './words';

describe('the words for node kinds', () => {
  it('names every strategy kind once, with distinct names', () => {
    expect(Object.keys(STRATEGY_WORDS).sort()).toEqual([...STRATEGIES].sort());
    const names = Object.values(STRATEGY_WORDS).map((w) => w.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('shows people the chosen words, not the JSON keys that differ from them', () => {
    expect(STRATEGY_WORDS.blank.name).toBe('Block');
    expect(STRATEGY_WORDS.weight.name).toBe('Weighted split');
  });
});
