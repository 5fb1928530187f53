import { describe, expect, it } from 'vitest';
import { builtinCatalog, createCatalog } from '../catalog';
import { metadataCandidate, pickerOptions, searchAttributes } from './inspector-attributes';

const catalog = createCatalog([{ name: 'merchant.tier', type: 'enum', label: 'Merchant tier', domain: ['gold', 'silver'] }]);

describe('attribute search', () => {
  it('groups the whole catalog by category in catalog order, custom last', () => {
    const groups = searchAttributes(catalog, '');
    expect(groups.map((g) => g.group)).toEqual(['Payment', 'Card', '3-D Secure', 'Customer', 'Address', 'Device', 'Merchant', 'Time', 'Custom']);
    expect(groups.flatMap((g) => g.attributes)).toHaveLength(catalog.list().length);
  });

  it('matches every word against name, label, description and group', () => {
    const names = (q: string) => searchAttributes(catalog, q).flatMap((g) => g.attributes.map((a) => a.name));
    expect(names('country')).toEqual(expect.arrayContaining(['card.issuer_country', 'customer.ip_country', 'billing.country']));
    expect(names('issuer country')).toEqual(['card.issuer_country']);
    expect(names('TIER')).toEqual(['merchant.tier']);
    expect(names('durbin')).toEqual(['card.regulated']);
    expect(names('zzz')).toEqual([]);
  });

  it('puts matches by name or label before matches only in a description', () => {
    // "ship" is in Shipping country's label, and only inside "membership" in the description of Tags.
    const groups = searchAttributes(catalog, 'ship');
    expect(groups.map((g) => g.group)).toEqual(['Address', 'Payment']);
    expect(groups[0]!.attributes.map((a) => a.name)).toEqual(['shipping.country']);
  });
});

describe('metadata keys', () => {
  it('offers metadata.<key> for a typed key or path', () => {
    expect(metadataCandidate(builtinCatalog(), 'metadata.order_ref')?.name).toBe('metadata.order_ref');
    expect(metadataCandidate(builtinCatalog(), 'order_ref')?.name).toBe('metadata.order_ref');
    expect(metadataCandidate(builtinCatalog(), 'metadata.order_ref')?.type).toBe('string');
  });

  it('offers nothing for an invalid key or a listed one', () => {
    expect(metadataCandidate(builtinCatalog(), 'card.bin')).toBeUndefined();
    expect(metadataCandidate(builtinCatalog(), 'metadata.')).toBeUndefined();
    expect(metadataCandidate(builtinCatalog(), 'two words')).toBeUndefined();
    const withCustom = createCatalog([{ name: 'metadata.tier', type: 'string' }]);
    expect(metadataCandidate(withCustom, 'metadata.tier')).toBeUndefined();
    expect(pickerOptions(withCustom, 'metadata.tier').map((a) => a.name)).toEqual(['metadata.tier']);
  });

  it('lists matches first, then the metadata entry', () => {
    expect(pickerOptions(builtinCatalog(), 'channel').map((a) => a.name)).toEqual(['channel', 'metadata.channel']);
  });
});
