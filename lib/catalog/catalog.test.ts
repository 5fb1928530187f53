import { describe, expect, it } from 'vitest';
import { builtinCatalog, createCatalog, customAttributeProblems, OPERATORS_BY_TYPE } from './index';
import { COUNTRIES, CURRENCIES, PAYMENT_METHODS, PAYMENT_METHOD_TYPES } from './domains';

const catalog = builtinCatalog();

describe('built-in catalog', () => {
  it('has at least 40 attributes with unique names, each complete', () => {
    const list = catalog.list();
    expect(list.length).toBeGreaterThanOrEqual(40);
    expect(new Set(list.map((a) => a.name)).size).toBe(list.length);
    for (const a of list) {
      expect(a.label, a.name).not.toBe('');
      expect(a.description, a.name).not.toBe('');
      expect(a.group, a.name).not.toBe('');
      expect(a.operators, a.name).toEqual(OPERATORS_BY_TYPE[a.type]);
      expect(a.example, a.name).toBeDefined();
      if (['enum', 'country', 'currency'].includes(a.type)) {
        expect(a.domain?.length, a.name).toBeGreaterThan(0);
        expect(a.domain).toEqual(a.values?.map((v) => v.code));
        expect(a.domain).toContain(a.example);
      }
    }
  });

  it('covers what payment teams route on', () => {
    const required = [
      'amount', 'currency', 'payment_method', 'payment_method_type', 'card.brand', 'card.type', 'card.bin',
      'card.extended_bin', 'card.issuer_country', 'card.issuer_bank', 'card.product', 'card.tokenised',
      'initiator', 'phase', 'recurring', 'capture_method', 'three_ds.authenticated', 'three_ds.version', 'channel',
      'customer.country', 'customer.ip_country', 'customer.segment', 'customer.risk_score', 'customer.email_domain',
      'billing.country', 'shipping.country', 'device.platform', 'merchant.profile', 'merchant.mcc',
      'time_of_day', 'weekday',
    ];
    for (const name of required) expect(catalog.get(name), name).toBeDefined();
    expect(catalog.get('time_of_day')).toMatchObject({ type: 'integer', min: 0, max: 23, derived: { from: 'created_at', part: 'hour' } });
    expect(catalog.get('weekday')).toMatchObject({ derived: { from: 'created_at', part: 'weekday' } });
    expect(catalog.get('weekday')?.domain).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
    expect(catalog.get('initiator')?.domain).toEqual(['cit', 'mit']);
    expect(catalog.get('channel')?.domain).toEqual(['web', 'app', 'moto', 'pos']);
  });

  it('only offers operators that make sense for the type', () => {
    expect(catalog.get('card.issuer_country')?.operators).not.toContain('gt');
    expect(catalog.get('card.tokenised')?.operators).not.toContain('starts_with');
    expect(catalog.get('amount')?.operators).not.toContain('matches');
    expect(catalog.get('tags')?.operators).toContain('contains');
    const withMatches = catalog.list().filter((a) => a.operators.includes('matches'));
    expect(withMatches.every((a) => a.type === 'string')).toBe(true);
  });

  it('normalises countries and currencies upper-case, enums lower-case', () => {
    expect(catalog.get('currency')?.normalise).toBe('upper');
    expect(catalog.get('billing.country')?.normalise).toBe('upper');
    expect(catalog.get('card.brand')?.normalise).toBe('lower');
  });

  it('resolves metadata.<key> as a string attribute for any key, and nothing else unknown', () => {
    expect(catalog.get('metadata.order_type')).toMatchObject({ name: 'metadata.order_type', type: 'string' });
    expect(catalog.get('metadata.')).toBeUndefined();
    expect(catalog.get('metadata.a.b')).toBeUndefined();
    expect(catalog.get('card.colour')).toBeUndefined();
    expect(catalog.get('__proto__')).toBeUndefined();
    expect(catalog.get('constructor')).toBeUndefined();
  });

  it('is memoised', () => {
    expect(builtinCatalog()).toBe(catalog);
  });
});

describe('domains', () => {
  it('lists all 249 ISO 3166-1 countries and the active ISO 4217 currencies with minor units', () => {
    expect(COUNTRIES).toHaveLength(249);
    expect(new Set(COUNTRIES.map((c) => c.code)).size).toBe(249);
    expect(COUNTRIES.every((c) => /^[A-Z]{2}$/.test(c.code) && c.name.length > 0)).toBe(true);
    expect(COUNTRIES.find((c) => c.code === 'GB')?.name).toBe('United Kingdom');
    expect(CURRENCIES.length).toBeGreaterThanOrEqual(150);
    const byCode = new Map(CURRENCIES.map((c) => [c.code, c]));
    expect(byCode.size).toBe(CURRENCIES.length);
    expect(byCode.get('EUR')?.minor_units).toBe(2);
    expect(byCode.get('JPY')?.minor_units).toBe(0);
    expect(byCode.get('KWD')?.minor_units).toBe(3);
    expect(byCode.has('XAU')).toBe(false);
  });

  it('gives every payment method a known method type', () => {
    const types = new Set(PAYMENT_METHOD_TYPES.map((t) => t.code));
    for (const m of PAYMENT_METHODS) expect(types.has(m.type), m.code).toBe(true);
  });
});

describe('custom attributes', () => {
  it('adds operator-defined attributes whose operators follow from the type', () => {
    const c = createCatalog([
      { name: 'order.channel_partner', type: 'enum', domain: ['Amazon', 'eBay'] },
      { name: 'loyalty.points', type: 'integer', label: 'Loyalty points' },
      { name: 'metadata.region', type: 'country' },
    ]);
    expect(c.get('order.channel_partner')).toMatchObject({ custom: true, domain: ['amazon', 'ebay'], operators: OPERATORS_BY_TYPE.enum });
    expect(c.get('loyalty.points')).toMatchObject({ label: 'Loyalty points', operators: OPERATORS_BY_TYPE.integer });
    expect(c.get('metadata.region')?.type).toBe('country');
    expect(c.get('metadata.region')?.domain).toHaveLength(249);
    expect(c.list().length).toBe(catalog.list().length + 3);
    expect(c.get('amount')).toBeDefined();
  });

  it('refuses clashes, overlaps, duplicates and incomplete definitions', () => {
    expect(customAttributeProblems([{ name: 'amount', type: 'number' }])[0]).toMatch(/clashes/);
    expect(customAttributeProblems([{ name: 'amount.net', type: 'number' }])[0]).toMatch(/overlaps/);
    expect(customAttributeProblems([{ name: 'card', type: 'string' }])[0]).toMatch(/overlaps/);
    expect(customAttributeProblems([{ name: 'x', type: 'string' }, { name: 'x', type: 'string' }])[0]).toMatch(/twice/);
    expect(customAttributeProblems([{ name: 'tier', type: 'enum' }])[0]).toMatch(/needs a domain/);
    expect(customAttributeProblems([{ name: 'tier', type: 'number', domain: ['a'] }])[0]).toMatch(/only enum/);
    expect(customAttributeProblems([{ name: 'bad name', type: 'string' }]).length).toBe(1);
    expect(customAttributeProblems([{ name: 'x', type: 'date' }]).length).toBe(1);
    expect(() => createCatalog([{ name: 'currency', type: 'currency' }])).toThrow(/clashes/);
    expect(customAttributeProblems([{ name: 'card.loyalty', type: 'boolean' }])).toEqual([]);
  });
});
