import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';

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
  return (path) => {
    if (!root) return null;
    const [start, end] = markedOffsets(nearestNode(root, path));
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

function nearestNode(root: Node, path: JsonPath): Node {
  for (let depth = path.length; depth > 0; depth--) {
    const found = findNodeAtLocation(root, path.slice(0, depth) as (string | number)[]);
    if (found) return found;
  }
  return root;
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
