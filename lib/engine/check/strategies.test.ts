import { describe, expect, it } from 'vitest';
import { baseDoc, check, errorCodes, warningCodes, type Doc } from './test-helpers';

const withStrategy = (s1: Doc): Doc => {
  const doc = baseDoc();
  doc.nodes.s1 = { type: 'strategy', ...s1 };
  return doc;
};
const errorsOf = (s1: Doc) => check(withStrategy(s1)).errors;
const warningsOf = (s1: Doc) => check(withStrategy(s1)).warnings;

describe('strategy checks', () => {
  it('accepts every strategy in its proper form', () => {
    for (const s of [
      { strategy: 'blank', reason: 'no' },
      { strategy: 'direct', processors: ['proc_stripe'] },
      { strategy: 'priority', processors: ['proc_adyen_eu', 'proc_stripe'], cascade: { max_attempts: 2, on: ['soft_decline'] } },
      { strategy: 'weight', processors: [{ processor: 'proc_stripe', weight: 60 }, { processor: 'proc_checkout', weight: 40 }] },
      { strategy: 'random', processors: ['proc_stripe', 'proc_checkout'], modifiers: { three_ds: 'skip' } },
    ]) {
      expect(check(withStrategy(s)).errors, s.strategy).toEqual([]);
      expect(check(withStrategy(s)).warnings, s.strategy).toEqual([]);
    }
  });

  it('requires exactly one processor for direct (direct_needs_one_processor)', () => {
    expect(errorsOf({ strategy: 'direct', processors: ['proc_stripe', 'proc_checkout'] }).map((e) => e.code)).toEqual(['direct_needs_one_processor']);
    expect(errorsOf({ strategy: 'direct', processors: [] }).map((e) => e.code)).toEqual(['direct_needs_one_processor']);
  });

  it('requires processors for non-blank strategies (strategy_without_processors)', () => {
    for (const strategy of ['priority', 'weight', 'random']) {
      expect(errorsOf({ strategy, processors: [] })).toEqual([
        expect.objectContaining({ code: 'strategy_without_processors', path: ['nodes', 's1', 'processors'], node: 's1' }),
      ]);
    }
  });

  it('reports a processor or route listed twice (duplicate_processor)', () => {
    expect(errorsOf({ strategy: 'random', processors: ['proc_stripe', 'proc_stripe'] })).toEqual([
      expect.objectContaining({ code: 'duplicate_processor', path: ['nodes', 's1', 'processors', 1] }),
    ]);
    const weighted = errorsOf({ strategy: 'weight', processors: [{ processor: 'proc_stripe', weight: 50 }, { processor: 'proc_stripe', weight: 50 }] });
    expect(weighted.map((e) => e.code)).toEqual(['duplicate_processor']);
    const routes = check(withStrategy({ strategy: 'priority', processors: [{ route: 'proute_a' }, { route: 'proute_a' }] }), {}).errors;
    expect(routes.map((e) => e.code)).toEqual(['duplicate_processor']);
  });

  it('requires whole weights summing to 100 (weight_invalid, weights_not_100)', () => {
    const w = (...weights: number[]) =>
      errorsOf({ strategy: 'weight', processors: weights.map((weight, i) => ({ processor: ['proc_stripe', 'proc_checkout', 'proc_worldpay'][i], weight })) }).map((e) => e.code);
    expect(w(70.5, 29.5)).toEqual(['weight_invalid', 'weight_invalid']);
    expect(w(-10, 110)).toEqual(['weight_invalid', 'weight_invalid']);
    expect(w(70, 20)).toEqual(['weights_not_100']);
    expect(w(50, 50, 0)).toEqual([]);
  });

  it('reports unknown processors and routes only when the registry lists them (unknown_processor, unknown_route)', () => {
    const doc = withStrategy({ strategy: 'priority', processors: ['proc_nope', { route: 'proute_nope' }] });
    expect(errorCodes(doc, { processors: [], routes: [] })).toEqual(['unknown_processor', 'unknown_route']);
    expect(errorCodes(doc, {})).toEqual([]);
    expect(check(doc, { processors: [] }).errors[0]).toMatchObject({ path: ['nodes', 's1', 'processors', 0], node: 's1' });
    expect(check(doc, { routes: [] }).errors[0]).toMatchObject({ path: ['nodes', 's1', 'processors', 1, 'route'] });
  });

  it('warns when max_attempts exceeds the candidates, counting route members (cascade_exceeds_candidates)', () => {
    const cascade = { max_attempts: 3, on: ['soft_decline'] };
    expect(warningsOf({ strategy: 'priority', processors: ['proc_stripe', 'proc_checkout'], cascade })).toEqual([
      expect.objectContaining({ code: 'cascade_exceeds_candidates', path: ['nodes', 's1', 'cascade', 'max_attempts'], severity: 'warning' }),
    ]);
    const viaRoute = withStrategy({ strategy: 'priority', processors: ['proc_stripe', { route: 'proute_main' }], cascade });
    const routes = [{ id: 'proute_main', name: 'Main', processors: ['proc_checkout', 'proc_stripe', 'proc_worldpay'] }];
    expect(warningCodes(viaRoute, { routes })).toEqual([]);
    expect(warningCodes(viaRoute, {})).toEqual([]); // the route cannot be expanded: no claim
    expect(errorCodes(withStrategy({ strategy: 'priority', processors: ['proc_stripe'], cascade }))).toEqual([]);
  });

  it('warns when a cascade retries on nothing (cascade_without_categories)', () => {
    expect(warningsOf({ strategy: 'priority', processors: ['proc_stripe', 'proc_checkout'], cascade: { max_attempts: 2, on: [] } }).map((w) => w.code)).toEqual([
      'cascade_without_categories',
    ]);
  });

  it('warns of processors that are down or disabled (processor_not_active)', () => {
    const warnings = warningsOf({ strategy: 'priority', processors: ['proc_braintree', 'proc_stripe'] });
    expect(warnings).toEqual([expect.objectContaining({ code: 'processor_not_active', path: ['nodes', 's1', 'processors', 0] })]);
    expect(warnings[0]!.message).toContain('down');
  });
});
