import { describe, expect, it } from 'vitest';
import type { Problem } from '../engine/types';
import { restoreKeptText, textAfterDocumentChange } from './unapplied-json';

const problem: Problem = { severity: 'error', code: 'json_syntax', message: 'Unexpected end of input', path: [] };

describe('unapplied JSON text', () => {
  it('sets invalid text aside when the document changes from elsewhere, and restores it', () => {
    const typed = { jsonText: '{"nodes": ', jsonProblems: [problem], keptJson: null };
    const after = textAfterDocumentChange(typed, '{"new": true}');
    expect(after).toEqual({ jsonText: '{"new": true}', jsonProblems: null, keptJson: { text: '{"nodes": ', problems: [problem] } });
    expect(restoreKeptText(after)).toEqual(typed);
  });

  it('keeps nothing when the text was the document', () => {
    const after = textAfterDocumentChange({ jsonText: '{}', jsonProblems: null, keptJson: null }, '{"a": 1}');
    expect(after.keptJson).toBeNull();
  });

  it('still holds earlier kept text through later edits while the text is the document', () => {
    const kept = { text: '{oops', problems: [problem] };
    const once = textAfterDocumentChange({ jsonText: '{}', jsonProblems: null, keptJson: kept }, '{"b": 2}');
    expect(textAfterDocumentChange(once, '{"c": 3}').keptJson).toBe(kept);
  });

  it('restoring over newer unapplied text trades places instead of dropping it', () => {
    const kept = { text: '{old', problems: [problem] };
    const restored = restoreKeptText({ jsonText: '{new', jsonProblems: [problem], keptJson: kept });
    expect(restored).toEqual({ jsonText: '{old', jsonProblems: [problem], keptJson: { text: '{new', problems: [problem] } });
  });

  it('restoring without kept text changes nothing', () => {
    const state = { jsonText: '{}', jsonProblems: null, keptJson: null };
    expect(restoreKeptText(state)).toBe(state);
  });
});
