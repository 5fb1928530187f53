import { describe, expect, it } from 'vitest';
import { EXAMPLE_SCHEME } from '../scheme/examples';
import { jsonPathLocator, jsonPathRange, offsetsToRange, type TextRange } from './json-path-range';

const text = JSON.stringify(EXAMPLE_SCHEME, null, 2);
const lines = text.split('\n');
/** The text a range covers. */
const cut = (r: TextRange) => {
  if (r.startLineNumber === r.endLineNumber) return lines[r.startLineNumber - 1]!.slice(r.startColumn - 1, r.endColumn - 1);
  return [lines[r.startLineNumber - 1]!.slice(r.startColumn - 1), ...lines.slice(r.startLineNumber, r.endLineNumber - 1), lines[r.endLineNumber - 1]!.slice(0, r.endColumn - 1)].join('\n');
};

describe('jsonPathRange', () => {
  it('marks a scalar value exactly', () => {
    const range = jsonPathRange(text, ['nodes', 'is_eu', 'rules', 1, 'value'])!;
    expect(cut(range)).toBe('100');
    expect(lines[range.startLineNumber - 1]).toContain('"value": 100');
  });

  it('marks a string value with its quotes, and array elements by index', () => {
    expect(cut(jsonPathRange(text, ['nodes', 'eu_priority', 'processors', 1])!)).toBe('"proc_stripe"');
    expect(cut(jsonPathRange(text, ['start'])!)).toBe('"risk_check"');
  });

  it('marks an object or array by its property name, not its whole body', () => {
    expect(cut(jsonPathRange(text, ['nodes', 'is_eu'])!)).toBe('"is_eu"');
    expect(cut(jsonPathRange(text, ['nodes', 'is_eu', 'rules'])!)).toBe('"rules"');
  });

  it('falls back to the nearest existing ancestor for a path that does not exist', () => {
    expect(cut(jsonPathRange(text, ['nodes', 'is_eu', 'rules', 7, 'value'])!)).toBe('"rules"');
    expect(cut(jsonPathRange(text, ['nodes', 'nope', 'then'])!)).toBe('"nodes"');
  });

  it('marks the document by its opening brace, and an object inside an array by its bracket', () => {
    expect(jsonPathRange(text, [])).toEqual({ startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 2 });
    const rule = jsonPathRange(text, ['nodes', 'is_eu', 'rules', 0])!;
    expect(cut(rule)).toBe('{');
  });

  it('works on compact text and with keys that need escaping in a path', () => {
    const compact = '{"nodes":{"a.b":{"then":"x"}}}';
    expect(jsonPathRange(compact, ['nodes', 'a.b', 'then'])).toEqual({ startLineNumber: 1, startColumn: 25, endLineNumber: 1, endColumn: 28 });
  });

  it('still finds paths in text with a syntax error after them, and returns null for non-JSON', () => {
    const broken = '{\n  "start": "a",\n  "nodes": {,\n}';
    expect(jsonPathRange(broken, ['start'])).toEqual({ startLineNumber: 2, startColumn: 12, endLineNumber: 2, endColumn: 15 });
    expect(jsonPathRange('', ['start'])).toBeNull();
  });
});

describe('offsetsToRange', () => {
  it('counts lines and 1-based columns, across line breaks', () => {
    expect(offsetsToRange('ab\ncd\nef', 4, 7)).toEqual({ startLineNumber: 2, startColumn: 2, endLineNumber: 3, endColumn: 2 });
    expect(offsetsToRange('abc', 0, 0)).toEqual({ startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 1 });
  });
});

describe('jsonPathLocator', () => {
  it('answers many paths from one parse, the same as jsonPathRange', () => {
    const locate = jsonPathLocator(text);
    const paths = [['start'], ['nodes', 'is_eu', 'rules', 0, 'value', 3], ['layout'], ['nodes', 'eu_priority', 'cascade', 'on', 1]];
    for (const path of paths) expect(locate(path)).toEqual(jsonPathRange(text, path));
    expect(cut(locate(['nodes', 'eu_priority', 'cascade', 'on', 1])!)).toBe('"processor_error"');
  });
});
