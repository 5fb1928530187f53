import { parseTree, type Node } from 'jsonc-parser';

/** A span of text, 1-based like Monaco's IRange (end column exclusive). */
export interface TextRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

export type JsonPath = readonly (string | number)[];

/**
 * Where JSON paths (as problems carry them, e.g. ["nodes","is_eu","rules",0,"value"]) sit in one JSON
 * text, parsed once for many paths. A scalar is marked whole; an object or array by its property name
 * (marking a whole node would underline dozens of lines); the document itself by its opening brace. A
 * path that does not exist (a missing `then`, a misspelt id) falls back to the nearest part of it that
 * does. Null for every path when the text is not JSON at all.
 */
export function jsonPathLocator(text: string): (path: JsonPath) => TextRange | null {
  const root = parseTree(text, undefined, { allowTrailingComma: true, disallowComments: false });
  const lines = lineStarts(text);
  const find = childFinder();
  return (path) => {
    if (!root) return null;
    const [start, end] = markedOffsets(nearestNode(root, path, find));
    return { ...position(lines, start, 'start'), ...position(lines, end, 'end') };
  };
}

/** One path in one text (see jsonPathLocator). */
export function jsonPathRange(text: string, path: JsonPath): TextRange | null {
  return jsonPathLocator(text)(path);
}

/** Offsets (0-based, end exclusive) to a 1-based line/column range. */
export function offsetsToRange(text: string, start: number, end: number): TextRange {
  const lines = lineStarts(text);
  return { ...position(lines, start, 'start'), ...position(lines, end, 'end') };
}

/** The node at the path, or at the longest prefix of it that exists. */
function nearestNode(root: Node, path: JsonPath, find: (parent: Node, step: string | number) => Node | undefined): Node {
  let node = root;
  for (const step of path) {
    const child = find(node, step);
    if (!child) break;
    node = child;
  }
  return node;
}

/**
 * A child by key or index. An object's keys are indexed the first time it is searched, so a thousand
 * problem paths through a thousand-node `nodes` map cost a thousand lookups, not a million comparisons.
 * The last of duplicate keys wins, as in JSON.parse.
 */
function childFinder(): (parent: Node, step: string | number) => Node | undefined {
  const indexes = new Map<Node, Map<string, Node>>();
  return (parent, step) => {
    if (parent.type === 'array') return typeof step === 'number' ? parent.children?.[step] : undefined;
    if (parent.type !== 'object') return undefined;
    let index = indexes.get(parent);
    if (!index) {
      index = new Map();
      for (const property of parent.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) index.set(String(key.value), value);
      }
      indexes.set(parent, index);
    }
    return index.get(String(step));
  };
}

function markedOffsets(node: Node): [number, number] {
  const container = node.type === 'object' || node.type === 'array';
  const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  if (container && key) return [key.offset, key.offset + key.length];
  return [node.offset, container ? node.offset + 1 : node.offset + node.length];
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function position(lines: readonly number[], offset: number, side: 'start'): { startLineNumber: number; startColumn: number };
function position(lines: readonly number[], offset: number, side: 'end'): { endLineNumber: number; endColumn: number };
function position(lines: readonly number[], offset: number, side: 'start' | 'end') {
  // The last line starting at or before the offset.
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lines[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  const line = low + 1;
  const column = offset - lines[low]! + 1;
  return side === 'start' ? { startLineNumber: line, startColumn: column } : { endLineNumber: line, endColumn: column };
}
