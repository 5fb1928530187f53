import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textChange } from './json-text-change';

const apply = (from: string, change: ReturnType<typeof textChange>) => (change ? from.slice(0, change.start) + change.text + from.slice(change.end) : from);

describe('textChange', () => {
  it('replaces only the changed middle', () => {
    expect(textChange('{"a": 100}', '{"a": 250}')).toEqual({ start: 6, end: 8, text: '25' });
    expect(textChange('abc', 'abc')).toBeNull();
    expect(textChange('aaa', 'aaaa')).toEqual({ start: 3, end: 3, text: 'a' });
    expect(textChange('abcd', 'ad')).toEqual({ start: 1, end: 3, text: '' });
  });

  it('always turns one text into the other', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (from, to) => apply(from, textChange(from, to)) === to));
  });
});
