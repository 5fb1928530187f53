import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../catalog';
import { checkScheme } from '../engine/check';
import { ProcessorListSchema } from '../processors/schema';
import { EXAMPLE_PROCESSORS, EXAMPLE_SCHEME } from './examples';
import { STRATEGIES } from './schema';

describe('example scheme and processors', () => {
  it('checks without errors against the example processors; the one warning is the down processor', () => {
    const result = checkScheme(EXAMPLE_SCHEME, { catalog: builtinCatalog(), registry: { processors: EXAMPLE_PROCESSORS } });
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => `${w.code} ${w.node}`)).toEqual(['processor_not_active us_priority']);
  });

  it('uses every strategy across at least 12 nodes, with a layout for each', () => {
    const nodes = Object.values(EXAMPLE_SCHEME.nodes);
    expect(nodes.length).toBeGreaterThanOrEqual(12);
    const used = new Set(nodes.flatMap((n) => (n.type === 'strategy' ? [n.strategy] : [])));
    expect([...used].sort()).toEqual([...STRATEGIES].sort());
    expect(Object.keys(EXAMPLE_SCHEME.layout ?? {}).sort()).toEqual(Object.keys(EXAMPLE_SCHEME.nodes).sort());
  });

  it('has six or more valid processors, one down, with distinct capabilities', () => {
    expect(ProcessorListSchema.parse(EXAMPLE_PROCESSORS)).toEqual(EXAMPLE_PROCESSORS);
    expect(EXAMPLE_PROCESSORS.length).toBeGreaterThanOrEqual(6);
    expect(EXAMPLE_PROCESSORS.filter((p) => p.status === 'down')).toHaveLength(1);
    expect(new Set(EXAMPLE_PROCESSORS.map((p) => p.id)).size).toBe(EXAMPLE_PROCESSORS.length);
  });
});
