import { describe, expect, it } from 'vitest';
import { listInWords, noun, plural } from './plural';
import { recordTitle } from './title';

describe('plural', () => {
  it('puts the noun in the number of the count', () => {
    expect(plural(1, 'warning')).toBe('1 warning');
    expect(plural(0, 'warning')).toBe('0 warnings');
    expect(plural(2, 'error')).toBe('2 errors');
    expect(plural(1200, 'node')).toBe('1,200 nodes');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
  });
  it('gives the noun alone', () => {
    expect(noun(1, 'route')).toBe('route');
    expect(noun(3, 'route')).toBe('routes');
  });
  it('joins lists in words', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['a'])).toBe('a');
    expect(listInWords(['a', 'b'])).toBe('a and b');
    expect(listInWords(['a', 'b', 'c'], 'or')).toBe('a, b or c');
  });
});

describe('recordTitle', () => {
  it('names the record, then its section', () => {
    expect(recordTitle('EU cards', 'Processor routes')).toBe('EU cards · Processor routes');
    expect(recordTitle(undefined, 'Schemes')).toBe('Not found · Schemes');
  });
});
