import { describe, expect, it } from 'vitest';
import { EXAMPLE_SCHEME } from '../../scheme/examples';
import { baseDoc, check, errorCodes } from './test-helpers';
import { LIMITS } from './limits';
import { structureProblems } from './structure';

describe('input limits and JSON text', () => {
  it('accepts the example scheme as text and as a value, with the same result', () => {
    const fromText = check(JSON.stringify(EXAMPLE_SCHEME));
    const fromValue = check(EXAMPLE_SCHEME);
    expect(fromText.errors).toEqual([]);
    expect(fromText).toEqual(fromValue);
    expect(fromValue.document?.start).toBe('risk_check');
  });

  it('refuses text over 5 MB before parsing (document_too_large)', () => {
    const doc = baseDoc();
    doc.description = 'x'.repeat(LIMITS.maxBytes);
    expect(errorCodes(JSON.stringify(doc))).toEqual(['document_too_large']);
    expect(errorCodes(doc)).toEqual(['document_too_large']);
    // multi-byte characters count as bytes, not as characters
    doc.description = 'é'.repeat(LIMITS.maxBytes / 2 + 10);
    expect(errorCodes(JSON.stringify(doc))).toEqual(['document_too_large']);
  });

  it('refuses nesting deeper than 64 (document_too_deep), in text, in values and in self-references', () => {
    expect(errorCodes('['.repeat(100_000) + ']'.repeat(100_000))).toEqual(['document_too_deep']);
    const doc = baseDoc();
    let deep: unknown = 1;
    for (let i = 0; i < 70; i++) deep = [deep];
    doc.nodes.c1.rules[0].value = deep;
    expect(errorCodes(doc)).toEqual(['document_too_deep']);
    const loop: Record<string, unknown> = { format: 'switchyard.scheme/v1' };
    loop.self = loop;
    expect(errorCodes(loop)).toEqual(['document_too_deep']);
    // brackets inside strings do not count
    const text = JSON.stringify({ ...baseDoc(), description: '['.repeat(1000) });
    expect(errorCodes(text)).toEqual([]);
  });

  it('refuses more than 100,000 nodes (too_many_nodes)', () => {
    const nodes: Record<string, unknown> = {};
    for (let i = 0; i <= LIMITS.maxNodes; i++) nodes[`n${i}`] = 0;
    expect(errorCodes({ ...baseDoc(), nodes })).toEqual(['too_many_nodes']);
  });

  it('reports a JSON syntax error with line and column (json_syntax)', () => {
    const result = check('{\n  "format": "switchyard.scheme/v1",\n  "name": }');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: 'json_syntax', path: [], severity: 'error' });
    expect(result.errors[0]!.message).toMatch(/line 3, column 11/);
    expect(check('{"a": 1').errors[0]!.message).toMatch(/line 1, column 8/);
    expect(check('').errors[0]!.code).toBe('json_syntax');
    expect(check('{"a": "\\x"}').errors[0]!.message).toMatch(/escape/);
    expect(check('[1,]').errors[0]!.message).toMatch(/line 1, column 4/);
  });

  it('rejects a value that is not an object', () => {
    for (const input of [null, 42, 'null', '[]', [], true]) {
      expect(errorCodes(input)).toEqual(['schema_invalid_type']);
    }
  });
});

describe('structure', () => {
  it('reports an unknown format (unknown_format)', () => {
    expect(errorCodes({ ...baseDoc(), format: 'switchyard.scheme/v2' })).toEqual(['unknown_format']);
  });

  it('maps each zod issue to a problem with its path and node', () => {
    const doc = baseDoc();
    delete doc.name;
    doc.extra = true;
    doc.nodes.c1.rules[0].operator = 'equals';
    doc.nodes.s1.processors = 'proc_stripe';
    doc.nodes.s2.strategy = 'fastest';
    doc.nodes.s3 = { type: 'strategy', strategy: 'blank', label: 'x'.repeat(201) };
    doc.nodes.c1.rules.push({ filter: 'bad' });
    doc.nodes['bad key'] = { type: 'strategy', strategy: 'blank' };
    doc.nodes.s4 = { type: 'router' };
    doc.nodes.s5 = { type: 'strategy', strategy: 'direct', processors: [''] };
    const { errors, document } = check(doc);
    expect(document).toBeUndefined();
    const byCode = (code: string) => errors.filter((e) => e.code === code);
    expect(byCode('schema_missing_field')[0]).toMatchObject({ path: ['name'] });
    expect(byCode('schema_unknown_field')[0]).toMatchObject({ path: [], message: expect.stringContaining('"extra"') });
    expect(byCode('schema_invalid_value').map((e) => e.path)).toEqual(
      expect.arrayContaining([
        ['nodes', 'c1', 'rules', 0, 'operator'],
        ['nodes', 's2', 'strategy'],
        ['nodes', 's4', 'type'],
      ]),
    );
    expect(byCode('schema_invalid_value').find((e) => e.node === 'c1')).toBeDefined();
    expect(byCode('schema_invalid_type')[0]).toMatchObject({ path: ['nodes', 's1', 'processors'], node: 's1' });
    expect(byCode('schema_too_big')[0]).toMatchObject({ path: ['nodes', 's3', 'label'] });
    expect(byCode('schema_too_small')[0]).toMatchObject({ path: ['nodes', 's5', 'processors', 0] });
    expect(byCode('schema_invalid_format')[0]).toMatchObject({ path: ['nodes', 'c1', 'rules', 1, 'filter'] });
    expect(byCode('schema_invalid_key')[0]).toMatchObject({ path: ['nodes', 'bad key'] });
  });

  it('explains a value of no allowed type, and maps other zod issues generically (schema_invalid)', () => {
    const doc = baseDoc();
    doc.nodes.c1.rules[0].value = { currency: 'EUR' };
    const problem = check(doc).errors.find((e) => e.path.join('.') === 'nodes.c1.rules.0.value');
    expect(problem).toMatchObject({ code: 'schema_invalid_type' });
    expect(problem!.message).toMatch(/string or number or boolean or array/);
    const generic = structureProblems([{ code: 'custom', path: ['nodes', 'x'], message: 'odd', input: 1 }], {});
    expect(generic).toEqual([{ code: 'schema_invalid', message: 'odd', path: ['nodes', 'x'], node: 'x', severity: 'error' }]);
  });

  it('still checks the sound nodes of a document whose structure fails elsewhere', () => {
    const doc = baseDoc();
    doc.name = '';
    doc.nodes.s1.processors = ['proc_nope', 'proc_nope'];
    doc.nodes.c1.rules[0].attribute = 'curency';
    const codes = errorCodes(doc);
    expect(codes).toEqual(expect.arrayContaining(['schema_too_small', 'unknown_processor', 'duplicate_processor', 'unknown_attribute']));
  });
});

describe('prototype-named keys', () => {
  it('reports a "__proto__" node id instead of losing the node', () => {
    const text = '{"format":"switchyard.scheme/v1","name":"x","start":"a","nodes":{"a":{"type":"condition","rules":[{"attribute":"amount","operator":"gt","value":1}],"then":"__proto__","else":"b"},"b":{"type":"strategy","strategy":"blank"},"__proto__":{"type":"strategy","strategy":"blank"}}}';
    const result = check(text);
    expect(result.errors).toContainEqual(expect.objectContaining({ code: 'schema_invalid_key', path: ['nodes', '__proto__'], node: '__proto__' }));
  });
});
