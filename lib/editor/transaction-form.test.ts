import { describe, expect, it } from 'vitest';
import { builtinCatalog, createCatalog } from '../catalog';
import { addableFields, addField, formFields, readField, writeField } from './transaction-form';

const catalog = builtinCatalog();
const spec = (name: string) => catalog.get(name)!;

describe('the dry run form', () => {
  it('offers every settable catalog attribute, IP country included, and not derived ones', () => {
    const names = addableFields(catalog, { amount: 10 }).map((s) => s.name);
    expect(names).toContain('customer.ip_country');
    expect(names).toContain('three_ds.authenticated');
    expect(names).not.toContain('time_of_day');
    expect(names).not.toContain('amount');
  });

  it('shows an added field, starting from its catalog example, nested where the rules read it', () => {
    const tx = addField({ amount: 10 }, spec('customer.ip_country'));
    expect(tx).toEqual({ amount: 10, customer: { ip_country: 'FR' } });
    expect(formFields(catalog, tx).map((s) => s.name)).toContain('customer.ip_country');
    expect(addableFields(catalog, tx).map((s) => s.name)).not.toContain('customer.ip_country');
  });

  it('types what is typed by the catalog', () => {
    expect(writeField({}, spec('amount'), '12.5')).toEqual({ amount: 12.5 });
    expect(writeField({}, spec('amount'), 'abc')).toEqual({ amount: 'abc' });
    expect(writeField({}, spec('three_ds.authenticated'), 'false')).toEqual({ three_ds: { authenticated: false } });
    expect(writeField({}, spec('tags'), 'a, b,')).toEqual({ tags: ['a', 'b'] });
    expect(writeField({}, spec('merchant.mcc'), '5732')).toEqual({ merchant: { mcc: 5732 } });
    expect(writeField({ card: { brand: 'visa', bin: '1' } }, spec('card.brand'), '')).toEqual({ card: { bin: '1' } });
  });

  it('reads lists back as the text they were typed as', () => {
    expect(readField({ tags: ['a', 'b'] }, 'tags')).toBe('a, b');
    expect(readField({ card: 'x' }, 'card.brand')).toBe('');
  });

  it('includes the account\'s own attributes', () => {
    const own = createCatalog([{ name: 'metadata.plan', type: 'enum', domain: ['gold', 'basic'] }]);
    expect(addableFields(own, {}).map((s) => s.name)).toContain('metadata.plan');
  });
});
