import { describe, expect, it } from 'vitest';
import { SCHEME_FORMAT, type SchemeDocument } from '../scheme/schema';
import { chain, connectOperation, moveOperation, parseEdgeId, planEdgeChanges, planNodeChanges, reconnectOperation, removeOperation } from './changes';
import { setStart } from './operations';

const doc: SchemeDocument = {
  format: SCHEME_FORMAT,
  name: 'changes',
  start: 'a',
  nodes: {
    a: { type: 'condition', rules: [], then: 'b', else: 'c' },
    b: { type: 'condition', rules: [], then: 'c' },
    c: { type: 'strategy', strategy: 'blank' },
    'x:y': { type: 'condition', rules: [], else: 'c' },
  },
  layout: { a: { x: 0, y: 0 } },
};

describe('planNodeChanges', () => {
  it('turns a drag into view state, and its end into one move with the last positions', () => {
    const during = planNodeChanges([{ id: 'a', type: 'position', position: { x: 10, y: 20 }, dragging: true }], { selection: [], drag: null });
    expect(during).toEqual({ drag: { a: { x: 10, y: 20 } } });
    const end = planNodeChanges([{ id: 'a', type: 'position', dragging: false }], { selection: [], drag: during.drag! });
    expect(end).toEqual({ moved: { a: { x: 10, y: 20 } } });
  });

  it('keeps the other dragged nodes while one moves on, and reads selection, removal and sizes', () => {
    const plan = planNodeChanges(
      [
        { id: 'b', type: 'position', position: { x: 5, y: 5 }, dragging: true },
        { id: 'a', type: 'select', selected: false },
        { id: 'c', type: 'select', selected: true },
        { id: 'c', type: 'remove' },
        { id: 'b', type: 'dimensions', dimensions: { width: 260, height: 120 } },
      ],
      { selection: ['a', 'b'], drag: { a: { x: 1, y: 1 } } },
    );
    expect(plan).toEqual({
      drag: { a: { x: 1, y: 1 }, b: { x: 5, y: 5 } },
      selection: ['b', 'c'],
      removed: ['c'],
      measured: { b: { width: 260, height: 120 } },
    });
  });

  it('asks for nothing when a change carries nothing to apply', () => {
    expect(planNodeChanges([{ id: 'a', type: 'position', dragging: false }], { selection: [], drag: null })).toEqual({});
    expect(planNodeChanges([{ id: 'a', type: 'dimensions' }], { selection: [], drag: null })).toEqual({});
  });
});

describe('planEdgeChanges', () => {
  it('reads edge selection and removal', () => {
    expect(planEdgeChanges([{ id: 'a:yes', type: 'select', selected: true }, { id: 'b:yes', type: 'remove' }], ['a:no'])).toEqual({
      selection: ['a:no', 'a:yes'],
      removed: ['b:yes'],
    });
  });
});

describe('parseEdgeId', () => {
  it('splits at the last colon, so node ids may hold colons', () => {
    expect(parseEdgeId('x:y:no')).toEqual({ source: 'x:y', handle: 'no' });
    expect(parseEdgeId('a:maybe')).toBeUndefined();
    expect(parseEdgeId(':yes')).toBeUndefined();
  });
});

describe('operations from the canvas', () => {
  it('connects, replacing what the handle had', () => {
    const result = connectOperation({ source: 'b', sourceHandle: 'yes', target: 'x:y', targetHandle: null })(doc);
    expect(result.ok && result.doc.nodes.b).toEqual({ type: 'condition', rules: [], then: 'x:y' });
  });

  it('refuses a cycle with the loop in the reason, and a connection from no handle', () => {
    const result = connectOperation({ source: 'b', sourceHandle: 'no', target: 'a', targetHandle: null })(doc);
    expect(result).toMatchObject({ ok: false, code: 'cycle' });
    expect(!result.ok && result.reason).toContain('a → b');
    expect(connectOperation({ source: 'b', sourceHandle: null, target: 'c', targetHandle: null })(doc)).toMatchObject({ ok: false });
  });

  it('reconnects an edge to a new target, or moves it to another handle in one step', () => {
    const retarget = reconnectOperation('a:yes', { source: 'a', sourceHandle: 'yes', target: 'c', targetHandle: null })(doc);
    expect(retarget.ok && retarget.doc.nodes.a).toEqual({ type: 'condition', rules: [], then: 'c', else: 'c' });
    const moved = reconnectOperation('b:yes', { source: 'x:y', sourceHandle: 'yes', target: 'c', targetHandle: null })(doc);
    expect(moved.ok && [moved.doc.nodes.b, moved.doc.nodes['x:y']]).toEqual([
      { type: 'condition', rules: [] },
      { type: 'condition', rules: [], then: 'c', else: 'c' },
    ]);
  });

  it('removes edges and nodes together; edges of removed nodes need no separate step', () => {
    const result = removeOperation(['b'], ['b:yes', 'a:no'])(doc);
    expect(result.ok && result.doc.nodes).toEqual({
      a: { type: 'condition', rules: [] },
      c: { type: 'strategy', strategy: 'blank' },
      'x:y': { type: 'condition', rules: [], else: 'c' },
    });
  });

  it('moves nodes, refusing unknown ones', () => {
    const result = moveOperation({ b: { x: 3, y: 4 } })(doc);
    expect(result.ok && result.doc.layout).toEqual({ a: { x: 0, y: 0 }, b: { x: 3, y: 4 } });
    expect(moveOperation({ zz: { x: 0, y: 0 } })(doc)).toMatchObject({ ok: false, code: 'unknown_node' });
  });

  it('chains operations, stopping at the first refusal without a partial result', () => {
    expect(chain(moveOperation({ b: { x: 1, y: 1 } }), (d) => setStart(d, 'nope'))(doc)).toMatchObject({ ok: false, code: 'unknown_node' });
    const both = chain(moveOperation({ b: { x: 1, y: 1 } }), (d) => setStart(d, 'b'))(doc);
    expect(both.ok && [both.doc.start, both.doc.layout?.b]).toEqual(['b', { x: 1, y: 1 }]);
  });
});
