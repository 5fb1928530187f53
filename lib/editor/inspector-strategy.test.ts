import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { StrategyNode } from '../scheme/schema';
import { StrategyNodeSchema } from '../scheme/schema';
import { DEFAULT_CASCADE, convertStrategy, entriesOf, expandRoutes, spreadEvenly, toggleCategory, weightForNew, weightSum } from './inspector-strategy';

const routes = [{ id: 'proute_eu', name: 'EU', processors: ['proc_adyen', 'proc_stripe'] }];

const priority: StrategyNode = {
  type: 'strategy',
  label: 'EU first',
  strategy: 'priority',
  processors: ['proc_checkout', { route: 'proute_eu' }, 'proc_stripe'],
  cascade: { max_attempts: 2, on: ['soft_decline'] },
  modifiers: { three_ds: 'required' },
};

describe('spread evenly', () => {
  it('gives whole numbers summing to 100, remainder first', () => {
    expect(spreadEvenly(['a', 'b', 'c']).map((i) => i.weight)).toEqual([34, 33, 33]);
    expect(spreadEvenly(['a', 'b']).map((i) => i.weight)).toEqual([50, 50]);
    expect(spreadEvenly([])).toEqual([]);
  });

  it('always sums to 100 with weights at most one apart', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 150 }), (n) => {
        const weights = spreadEvenly(Array.from({ length: n }, (_, i) => `p${i}`)).map((i) => i.weight);
        expect(weightSum(weights)).toBe(100);
        expect(Math.max(...weights) - Math.min(...weights)).toBeLessThanOrEqual(1);
        expect(weights.every(Number.isInteger)).toBe(true);
      }),
    );
  });

  it('gives a new processor what is left to 100', () => {
    expect(weightForNew([{ processor: 'a', weight: 70 }])).toBe(30);
    expect(weightForNew([{ processor: 'a', weight: 120 }])).toBe(0);
  });
});

describe('strategy conversion', () => {
  it('priority → weight expands routes, drops repeats and spreads evenly, keeping the rest', () => {
    const weight = convertStrategy(priority, 'weight', routes);
    expect(weight).toEqual({
      type: 'strategy',
      label: 'EU first',
      strategy: 'weight',
      processors: [
        { processor: 'proc_checkout', weight: 34 },
        { processor: 'proc_adyen', weight: 33 },
        { processor: 'proc_stripe', weight: 33 },
      ],
      cascade: { max_attempts: 2, on: ['soft_decline'] },
      modifiers: { three_ds: 'required' },
    });
  });

  it('weight → priority orders by descending weight, ties in list order', () => {
    const weight: StrategyNode = {
      type: 'strategy',
      strategy: 'weight',
      processors: [
        { processor: 'a', weight: 20 },
        { processor: 'b', weight: 60 },
        { processor: 'c', weight: 20 },
      ],
    };
    expect(convertStrategy(weight, 'priority', routes)).toEqual({ type: 'strategy', strategy: 'priority', processors: ['b', 'a', 'c'] });
    expect(entriesOf(weight)).toEqual(['b', 'a', 'c']);
  });

  it('keeps routes in priority lists only', () => {
    expect(convertStrategy(priority, 'random', routes)).toMatchObject({ processors: ['proc_checkout', 'proc_adyen', 'proc_stripe'] });
    expect(expandRoutes([{ route: 'proute_unknown' }, 'x'], routes)).toEqual(['x']);
  });

  it('direct keeps every processor (the checker asks for one)', () => {
    expect(convertStrategy(priority, 'direct', routes)).toMatchObject({ strategy: 'direct', processors: ['proc_checkout', 'proc_adyen', 'proc_stripe'] });
  });

  it('blank drops processors and cascade but keeps label and modifiers; back from blank starts empty', () => {
    const blank = convertStrategy(priority, 'blank', routes);
    expect(blank).toEqual({ type: 'strategy', label: 'EU first', strategy: 'blank', modifiers: { three_ds: 'required' } });
    expect(convertStrategy({ type: 'strategy', strategy: 'blank', reason: 'no' }, 'priority', routes)).toEqual({
      type: 'strategy',
      strategy: 'priority',
      processors: [],
    });
  });

  it('the same type is the same node', () => {
    expect(convertStrategy(priority, 'priority', routes)).toBe(priority);
  });

  it('every conversion gives a node the format accepts', () => {
    const kinds = ['blank', 'direct', 'priority', 'weight', 'random'] as const;
    for (const from of kinds) {
      const start = from === 'priority' ? priority : convertStrategy(priority, from, routes);
      for (const to of kinds) expect(StrategyNodeSchema.safeParse(convertStrategy(start, to, routes)).success).toBe(true);
    }
  });
});

describe('cascade', () => {
  it('toggles categories in canonical order', () => {
    const c = toggleCategory({ max_attempts: 2, on: ['timeout'] }, 'soft_decline', true);
    expect(c.on).toEqual(['soft_decline', 'timeout']);
    expect(toggleCategory(c, 'timeout', false).on).toEqual(['soft_decline']);
    expect(DEFAULT_CASCADE.on).toHaveLength(3);
  });
});
