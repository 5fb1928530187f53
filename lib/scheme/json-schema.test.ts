import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemeJsonSchema, schemeJsonSchemaText, SCHEME_JSON_SCHEMA_PATH } from './json-schema';
import { OPERATORS, STRATEGIES } from './schema';

describe('generated JSON Schema', () => {
  it('matches the checked-in public/schemas file (regenerate: npx tsx scripts/gen-json-schema.ts)', () => {
    const file = path.join(import.meta.dirname, '..', '..', 'public', SCHEME_JSON_SCHEMA_PATH);
    expect(readFileSync(file, 'utf8')).toBe(schemeJsonSchemaText());
  });

  it('describes the format: draft-07, its id, the format constant, every operator and strategy', () => {
    const schema = schemeJsonSchema();
    const text = JSON.stringify(schema);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toBe(SCHEME_JSON_SCHEMA_PATH);
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'name', 'start', 'nodes']));
    expect(text).toContain('"const":"switchyard.scheme/v1"');
    expect(text).toContain(JSON.stringify(OPERATORS));
    for (const strategy of STRATEGIES) expect(text).toContain(`"const":"${strategy}"`);
  });

  it('offers the catalog attribute names for autocompletion without restricting them', () => {
    const text = JSON.stringify(schemeJsonSchema());
    const match = /"attribute":\{[^}]*"examples":(\[[^\]]*\])/.exec(text);
    expect(match).not.toBeNull();
    const names = JSON.parse(match![1]!) as string[];
    expect(names).toEqual(expect.arrayContaining(['amount', 'card.issuer_country', 'weekday']));
    expect(/"attribute":\{[^}]*"enum"/.test(text)).toBe(false);
  });
});
