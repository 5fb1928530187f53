import { describe, expect, it } from 'vitest';
import { formatJsonPath } from './json-path';

describe('formatJsonPath', () => {
  it('writes dotted names, indexes and quoted odd keys', () => {
    expect(formatJsonPath([])).toBe('$');
    expect(formatJsonPath(['nodes', 'is_eu', 'rules', 0, 'value'])).toBe('$.nodes.is_eu.rules[0].value');
    expect(formatJsonPath(['nodes', 'a:yes', 'then'])).toBe('$.nodes["a:yes"].then');
  });
});
