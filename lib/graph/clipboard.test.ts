import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCHEME_FORMAT, SchemeDocumentSchema, type SchemeDocument } from '../scheme/schema';
import { copyNodes, FRAGMENT_FORMAT, parseFragment, pasteNodes, type ClipboardFragment } from './clipboard';
import { deepFreeze, documentArb } from './testing/arbitraries';
import type { EditResult } from './types';

const base: SchemeDocument = deepFreeze({
  format: SCHEME_FORMAT,
  name: 'clip',
  start: 'a',
  nodes: {
    a: { type: 'condition', rules: [], then: 'b', else: 'c' },
    b: { type: 'condition', rules: [], then: 'c', else: 'd' },
    c: { type: 'strategy', strategy: 'direct', processors: ['proc_a'] },
    d: { type: 'strategy', strategy: 'blank', reason: 'no' },
    b_2: { type: 'strategy', strategy: 'blank' },
  },
  layout: { b: { x: 100, y: 200 }, c: { x: 300, y: 400 } },
});

function pasted(result: EditResult<{ ids: string[] }>): { doc: SchemeDocument; ids: string[] } {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result;
}

describe('copyNodes', () => {
  it('copies the selection in document order with its positions and only its internal branches', () => {
    expect(copyNodes(base, ['c', 'b', 'unknown'])).toEqual({
      format: FRAGMENT_FORMAT,
      nodes: {
        b: { type: 'condition', rules: [], then: 'c' },
        c: { type: 'strategy', strategy: 'direct', processors: ['proc_a'] },
      },
      layout: { b: { x: 100, y: 200 }, c: { x: 300, y: 400 } },
    });
  });
});

describe('pasteNodes', () => {
  it('pastes under fresh ids, keeps internal branches and shifts positions', () => {
    const { doc, ids } = pasted(pasteNodes(base, copyNodes(base, ['b', 'c', 'd']), { x: 10, y: -20 }));
    expect(ids).toEqual(['b_3', 'c_2', 'd_2']);
    expect(doc.nodes.b_3).toEqual({ type: 'condition', rules: [], then: 'c_2', else: 'd_2' });
    expect(doc.nodes.c_2).toEqual(base.nodes.c);
    expect(doc.layout).toEqual({ ...base.layout, b_3: { x: 110, y: 180 }, c_2: { x: 310, y: 380 } });
    expect(doc.start).toBe('a');
    expect(Object.keys(doc.nodes).slice(0, 5)).toEqual(Object.keys(base.nodes));
  });

  it('numbers repeated pastes onward', () => {
    const fragment = copyNodes(base, ['d']);
    const once = pasted(pasteNodes(base, fragment));
    const twice = pasted(pasteNodes(once.doc, fragment));
    expect([once.ids, twice.ids]).toEqual([['d_2'], ['d_3']]);
  });

  it('keeps ids that are free, e.g. when pasting into another scheme, and sets the start of an empty one', () => {
    const empty: SchemeDocument = deepFreeze({ format: SCHEME_FORMAT, name: 'e', start: 'start', nodes: {} });
    const { doc, ids } = pasted(pasteNodes(empty, copyNodes(base, ['c', 'a', 'b'])));
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(doc.start).toBe('a');
    expect(doc.nodes.a).toEqual({ type: 'condition', rules: [], then: 'b', else: 'c' });
  });

  it('drops branches that lead outside the fragment, even in a hand-written one', () => {
    const fragment: ClipboardFragment = {
      format: FRAGMENT_FORMAT,
      nodes: { x: { type: 'condition', rules: [], then: 'a', else: 'y' }, y: { type: 'strategy', strategy: 'blank' } },
      layout: {},
    };
    const { doc } = pasted(pasteNodes(base, fragment));
    expect(doc.nodes.x).toEqual({ type: 'condition', rules: [], else: 'y' });
    expect(doc.layout).toBe(base.layout);
  });

  it('survives the system clipboard (JSON) and refuses anything that is not a valid fragment', () => {
    const viaJson = JSON.parse(JSON.stringify(copyNodes(base, ['a', 'b'])));
    expect(pasted(pasteNodes(base, viaJson)).ids).toEqual(['a_2', 'b_3']);
    for (const bad of [null, 'text', {}, { format: FRAGMENT_FORMAT }, { format: 'other', nodes: {} }]) {
      expect(parseFragment(bad)).toMatchObject({ ok: false, code: 'invalid_fragment' });
    }
    const badNode = { format: FRAGMENT_FORMAT, nodes: { x: { type: 'strategy', strategy: 'teleport' } }, layout: {} };
    expect(pasteNodes(base, badNode as never)).toMatchObject({ ok: false, code: 'invalid_fragment', reason: expect.stringContaining('"x"') });
    const badId = { format: FRAGMENT_FORMAT, nodes: { 'no spaces': { type: 'strategy', strategy: 'blank' } }, layout: {} };
    expect(parseFragment(badId)).toMatchObject({ ok: false, code: 'invalid_fragment' });
    const strayPosition = { format: FRAGMENT_FORMAT, nodes: {}, layout: { x: { x: 0, y: 0 } } };
    expect(parseFragment(strayPosition)).toMatchObject({ ok: false, code: 'invalid_fragment' });
  });

  it('refuses a fragment whose ids are object-prototype names, leaving the document untouched', () => {
    const fragment = JSON.parse(`{"format":"${FRAGMENT_FORMAT}","nodes":{"__proto__":{"type":"strategy","strategy":"blank"}},"layout":{"__proto__":{"x":1,"y":2}}}`);
    expect(pasteNodes(base, fragment, { x: 0, y: 0 })).toMatchObject({ ok: false });
    expect(Object.hasOwn(base.nodes, '__proto__')).toBe(false);
  });

  it('copy then paste of any selection adds exactly the selection with its internal branches, leaving the input untouched', () => {
    fc.assert(
      fc.property(documentArb({ loose: true }), fc.array(fc.nat()), (doc, picks) => {
        const ids = Object.keys(doc.nodes);
        const selection = [...new Set(picks.map((p) => ids[p % ids.length]!))];
        const fragment = copyNodes(deepFreeze(doc), selection);
        const { doc: next, ids: newIds } = pasted(pasteNodes(doc, deepFreeze(fragment)));
        expect(newIds).toHaveLength(selection.length);
        expect(new Set([...ids, ...newIds]).size).toBe(ids.length + newIds.length);
        expect(SchemeDocumentSchema.safeParse(next).success).toBe(true);
        const fragmentIds = Object.keys(fragment.nodes);
        const rename = new Map(fragmentIds.map((id, i) => [id, newIds[i]!]));
        for (const [id, node] of Object.entries(fragment.nodes)) {
          const copy = next.nodes[rename.get(id)!]!;
          if (node.type !== 'condition' || copy.type !== 'condition') continue;
          expect(copy.then).toBe(node.then === undefined ? undefined : rename.get(node.then));
          expect(copy.else).toBe(node.else === undefined ? undefined : rename.get(node.else));
        }
      }),
    );
  });
});
