import { describe, expect, it } from 'vitest';
import { EXAMPLE_SCHEME } from '../scheme/examples';
import { parseSchemeText } from './json-document';

describe('parseSchemeText', () => {
  it('reads a valid document, keeping the author’s key order', () => {
    const result = parseSchemeText(JSON.stringify(EXAMPLE_SCHEME));
    expect(result).toEqual({ ok: true, doc: EXAMPLE_SCHEME });
    if (result.ok) expect(Object.keys(result.doc.nodes)).toEqual(Object.keys(EXAMPLE_SCHEME.nodes));
  });

  it('keeps the order of keys as written, not the schema’s', () => {
    const text = '{"nodes":{"b":{"strategy":"blank","type":"strategy"}},"start":"b","name":"n","format":"switchyard.scheme/v1"}';
    const result = parseSchemeText(text);
    expect(result.ok && JSON.stringify(result.doc)).toBe(text);
  });

  it('accepts a document the checker would reject (graph rules are not the format’s)', () => {
    const dangling = { ...EXAMPLE_SCHEME, start: 'nowhere' };
    expect(parseSchemeText(JSON.stringify(dangling)).ok).toBe(true);
  });

  it('names the line and column of a syntax error', () => {
    const result = parseSchemeText('{\n  "format": "switchyard.scheme/v1",\n  "name": "x",,\n}');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]!.code).toBe('json_syntax');
      expect(result.problems[0]!.message).toMatch(/line 3, column 15/);
    }
  });

  it('lists every format problem with its path', () => {
    const bad = { ...EXAMPLE_SCHEME, name: '', nodes: { ...EXAMPLE_SCHEME.nodes, is_eu: { type: 'condition', rules: [{ attribute: 'amount', operator: 'bigger', value: 1 }] } } };
    const result = parseSchemeText(JSON.stringify(bad));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const paths = result.problems.map((p) => p.path.join('.'));
      expect(paths).toContain('name');
      expect(paths).toContain('nodes.is_eu.rules.0.operator');
    }
  });
});
