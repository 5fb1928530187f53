import { describe, expect, it } from 'vitest';
import { statusChangeEffects, type ProcessorUse } from './status-effects';

const uses: ProcessorUse[] = [
  { kind: 'processor_route', id: 'proute_a', name: 'EU cards' },
  { kind: 'settings', id: 'default', name: 'default processor' },
  { kind: 'scheme', id: 'sch_1', name: 'EU cards first' },
  { kind: 'scheme_version', id: 'sch_1@1', name: 'active version 1' },
];

describe('statusChangeEffects', () => {
  it('says what taking the default processor out changes under each mode', () => {
    const effects = statusChangeEffects({ name: 'Stripe', status: 'disabled', uses, routingMode: 'default_only' });
    expect(effects[0]).toMatch(/default processor .* every payment gets no route/);
    expect(effects).toContain('Route “EU cards” skips Stripe and tries its next processor.');
    expect(effects.some((e) => e.includes('does not use the scheme now'))).toBe(true);
    expect(effects.some((e) => e.includes('draft “EU cards first” uses it'))).toBe(true);
    const scheme = statusChangeEffects({ name: 'Stripe', status: 'down', uses, routingMode: 'scheme' });
    expect(scheme.some((e) => e.startsWith('The active scheme lists Stripe: its strategies skip it'))).toBe(true);
    expect(scheme[0]).toContain('does not use it');
  });

  it('is silent for an unused processor under a scheme, and names the pool under random modes', () => {
    expect(statusChangeEffects({ name: 'X', status: 'down', uses: [], routingMode: 'scheme' })).toEqual([]);
    expect(statusChangeEffects({ name: 'X', status: 'down', uses: [], routingMode: 'random_uniform' })).toEqual([
      'The routing mode “Random, evenly across eligible processors” leaves X out of its choice.',
    ]);
  });

  it('says where a processor takes payments again', () => {
    expect(statusChangeEffects({ name: 'Stripe', status: 'active', uses, routingMode: 'scheme' })).toEqual([
      'Stripe takes payments again as the default processor, in route “EU cards” and in the active scheme.',
    ]);
  });
});
