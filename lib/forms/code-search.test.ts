import { describe, expect, it } from 'vitest';
import { COUNTRIES, CURRENCIES, PAYMENT_METHODS } from '../catalog/domains';
import { findOption, looksLikeList, resolveCode, searchCodes, splitPasted } from './code-search';
import { withOtherNames } from './other-names';

const currencies = withOtherNames(CURRENCIES);
const countries = withOtherNames(COUNTRIES);
const methods = withOtherNames(PAYMENT_METHODS);

describe('code search', () => {
  it('finds currencies by ISO 4217 name and everyday names as well as by code and shown name', () => {
    expect(findOption('Pound Sterling', currencies)?.code).toBe('GBP');
    expect(findOption('pound sterling', currencies)?.code).toBe('GBP');
    expect(findOption('British Pound', currencies)?.code).toBe('GBP');
    expect(findOption('gbp', currencies)?.code).toBe('GBP');
    expect(findOption('Yuan Renminbi', currencies)?.code).toBe('CNY');
    expect(searchCodes('sterl', currencies)[0]?.code).toBe('GBP');
    expect(searchCodes('EU', currencies)[0]?.code).toBe('EUR');
  });

  it('finds countries by everyday names, without caring about accents', () => {
    expect(findOption('UK', countries)?.code).toBe('GB');
    expect(findOption('Great Britain', countries)?.code).toBe('GB');
    expect(findOption('cote d’ivoire'.replace('’', "'"), countries)?.code).toBe('CI');
    expect(findOption('Turkey', countries)?.code).toBe('TR');
    expect(searchCodes('holl', countries)[0]?.code).toBe('NL');
    expect(searchCodes('germ', countries).map((o) => o.code)).toContain('DE');
  });

  it('keeps unknown input as typed, case-normalised, so the server can name it', () => {
    expect(resolveCode(' euro ', currencies, true)).toBe('EUR');
    expect(resolveCode('xyz', currencies, true)).toBe('XYZ');
    expect(resolveCode('CARD', methods, false)).toBe('card');
  });

  it('splits pasted lists on commas, spaces and new lines', () => {
    expect(splitPasted('EUR, USD, GBP', currencies, true)).toEqual(['EUR', 'USD', 'GBP']);
    expect(splitPasted('eur usd\ngbp;chf\tjpy', currencies, true)).toEqual(['EUR', 'USD', 'GBP', 'CHF', 'JPY']);
    expect(splitPasted('EUR,EUR , ,usd', currencies, true)).toEqual(['EUR', 'USD']);
    expect(splitPasted('Pound Sterling, US Dollar', currencies, true)).toEqual(['GBP', 'USD']);
    expect(splitPasted('DE FR\nUnited States', countries, true)).toEqual(['DE', 'FR', 'US']);
    expect(splitPasted('EUR, Euro, EURX', currencies, true)).toEqual(['EUR', 'EURX']);
  });

  it('tells a pasted list from a pasted name', () => {
    expect(looksLikeList('EUR, USD', currencies)).toBe(true);
    expect(looksLikeList('EUR USD', currencies)).toBe(true);
    expect(looksLikeList('Pound Sterling', currencies)).toBe(false);
    expect(looksLikeList('EUR', currencies)).toBe(false);
  });
});
