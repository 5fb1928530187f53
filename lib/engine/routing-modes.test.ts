import { describe, expect, it } from 'vitest';
import type { Processor } from '../processors/schema';
import { indexProcessors } from './processors';
import { decideWithoutScheme, decideWithRoute } from './routing-modes';
import type { RoutingSettings } from './types';

function proc(id: string, created_at: string, extra: Partial<Processor> = {}): Processor {
  return { id, status: 'active', currencies: [], payment_methods: [], countries: [], approval_rate: 0.9, fees: { percent: 0, fixed: 0 }, created_at, ...extra };
}

// Listed out of creation order on purpose.
const processors = indexProcessors([
  proc('proc_new', '2024-06-01T00:00:00Z'),
  proc('proc_old', '2021-01-01T00:00:00Z'),
  proc('proc_default', '2022-01-01T00:00:00Z'),
  proc('proc_mid', '2023-01-01T00:00:00Z'),
  proc('proc_usd', '2024-09-01T00:00:00Z', { currencies: ['USD'] }),
]);
const tx = { id: 'tx_1', currency: 'EUR', payment_method: 'card', card: { issuer_country: 'DE' } };
const decide = (settings: RoutingSettings, t: Record<string, unknown> = tx) => decideWithoutScheme(t, settings, processors);

describe('routing modes without a scheme', () => {
  it('default_only routes to the default alone', () => {
    expect(decide({ mode: 'default_only', default_processor: 'proc_default' })).toEqual({
      outcome: 'route', processor: 'proc_default', candidates: ['proc_default'], strategy: 'direct', node: null,
      path: [], modifiers: {}, mode: 'default_only',
    });
    expect(decide({ mode: 'default_only', default_processor: 'proc_usd' })).toMatchObject({ outcome: 'no_route', candidates: [], mode: 'default_only' });
    expect(decide({ mode: 'default_only' })).toMatchObject({ outcome: 'no_route', reason: 'no default processor is configured' });
  });

  it('default_then_connection_order: default, then the others oldest first (eligible only)', () => {
    expect(decide({ mode: 'default_then_connection_order', default_processor: 'proc_default' }).candidates)
      .toEqual(['proc_default', 'proc_old', 'proc_mid', 'proc_new']);
    expect(decide({ mode: 'default_then_connection_order', default_processor: 'proc_default' }, { ...tx, currency: 'USD' }).candidates)
      .toEqual(['proc_default', 'proc_old', 'proc_mid', 'proc_new', 'proc_usd']);
  });

  it('orders by created_at read like a transaction\'s: offsets count, and one without an offset sorts as oldest', () => {
    const odd = indexProcessors([
      proc('proc_a', '2024-01-01T00:30:00+01:00'),
      proc('proc_b', '2023-12-31T23:45:00Z'),
      proc('proc_c', '2024-01-01T00:00:00'),
    ]);
    expect(decideWithoutScheme(tx, { mode: 'default_then_connection_order', default_processor: 'proc_none' }, odd).candidates)
      .toEqual(['proc_c', 'proc_a', 'proc_b']);
  });

  it('default_with_recency_fallback: default, then the most recently created eligible processor', () => {
    const settings: RoutingSettings = { mode: 'default_with_recency_fallback', default_processor: 'proc_default' };
    expect(decide(settings)).toMatchObject({ candidates: ['proc_default', 'proc_new'], strategy: 'priority' });
    expect(decide(settings, { ...tx, currency: 'USD' }).candidates).toEqual(['proc_default', 'proc_usd']);
    expect(decide({ ...settings, default_processor: 'proc_new' }).candidates).toEqual(['proc_new', 'proc_mid']);
  });

  it('random_uniform is deterministic per transaction id and spreads over eligible processors', () => {
    const settings: RoutingSettings = { mode: 'random_uniform' };
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const d = decide(settings, { ...tx, id: `tx_${i}` });
      expect(d).toEqual(decide(settings, { ...tx, id: `tx_${i}` }));
      expect(d.candidates).toHaveLength(1);
      counts.set(d.processor!, (counts.get(d.processor!) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['proc_default', 'proc_mid', 'proc_new', 'proc_old']);
    for (const n of counts.values()) expect(n).toBeGreaterThan(850);
  });

  it('random_weighted follows the configured weights and never picks an unweighted processor', () => {
    const settings: RoutingSettings = { mode: 'random_weighted', weights: { proc_old: 75, proc_new: 25, proc_usd: 100 } };
    let old = 0;
    for (let i = 0; i < 10_000; i++) {
      const d = decide(settings, { ...tx, id: `w${i}` });
      expect(['proc_old', 'proc_new']).toContain(d.processor);
      if (d.processor === 'proc_old') old++;
    }
    expect(old / 10_000).toBeGreaterThan(0.73);
    expect(old / 10_000).toBeLessThan(0.77);
    expect(decide({ mode: 'random_weighted' })).toMatchObject({ outcome: 'no_route', strategy: 'weight' });
  });

  it('processor_route uses the default route in order, skipping ineligible processors', () => {
    const route = { id: 'proute_1', name: 'r', processors: ['proc_usd', 'proc_mid', 'proc_missing', 'proc_old'] };
    const d = decideWithoutScheme(tx, { mode: 'processor_route', default_route: route }, processors, { trace: true });
    expect(d).toMatchObject({ outcome: 'route', processor: 'proc_mid', candidates: ['proc_mid', 'proc_old'], mode: 'processor_route' });
    expect(d.trace).toEqual({ conditions: [], skipped: [{ processor: 'proc_usd', reason: 'currency' }, { processor: 'proc_missing', reason: 'unknown' }] });
    expect(decide({ mode: 'processor_route' })).toMatchObject({ outcome: 'no_route', reason: 'no default processor route is configured' });
  });

  it('scheme mode with no active scheme is no_route with a reason', () => {
    expect(decide({ mode: 'scheme' })).toEqual({
      outcome: 'no_route', processor: null, candidates: [], strategy: null, node: null, path: [], modifiers: {},
      reason: 'routing mode is "scheme" but no scheme is active', mode: 'scheme',
    });
  });
});

describe('decideWithRoute', () => {
  it('tries the named route in order', () => {
    const route = { id: 'proute_x', name: 'x', processors: ['proc_new', 'proc_old', 'proc_new'] };
    expect(decideWithRoute(tx, route, processors)).toMatchObject({
      outcome: 'route', processor: 'proc_new', candidates: ['proc_new', 'proc_old'], strategy: 'priority', node: null, mode: 'processor_route',
    });
    expect(decideWithRoute(tx, { ...route, processors: [] }, processors)).toMatchObject({ outcome: 'no_route' });
  });
});
