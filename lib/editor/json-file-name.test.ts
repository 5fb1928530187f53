import { describe, expect, it } from 'vitest';
import { schemeFileName } from './json-file-name';

describe('schemeFileName', () => {
  it('turns a scheme name into a safe file name', () => {
    expect(schemeFileName('EU cards first')).toBe('eu-cards-first.json');
    expect(schemeFileName('  Zürich / Genève: 3DS!  ')).toBe('zurich-geneve-3ds.json');
    expect(schemeFileName('***')).toBe('scheme.json');
    expect(schemeFileName('a'.repeat(200))).toBe(`${'a'.repeat(80)}.json`);
  });
});
