import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';

/** A span of text, 1-based like Monaco's IRange (end column exclusive). */
export interface TextRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/**
 * Where a JSON path (as problems carry it, e.g. ["nodes","is_eu","rules",0,"value"]) sits in JSON text.
 * A scalar is marked whole; an object or array is marked by its property name (marking a whole node
 * would underline dozens of lines), the document itself by its opening brace. A path that does not exist (a missing `then`, a misspelt id) falls
 * back to the nearest part of it that does. Null when the text is not JSON at all.
 */
export function jsonPathRange(text: string, path: readonly (string | number)[]): TextRange | null {
  const root = parseTree(text, undefined, { allowTrailingComma: true, disallowComments: false });
  if (!root) return null;
  let node: Node = root;
  for (let depth = path.length; depth > 0; depth--) {
    const found = findNodeAtLocation(root, path.slice(0, depth) as (string | number)[]);
    if (found) {
      node = found;
      break;
    }
  }
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  const key = property?.children?.[0];
  const container = node.type === 'object' || node.type === 'array';
  if (container && key) return offsetsToRange(text, key.offset, key.offset + key.length);
  // The document itself (or an array element that is a container): its opening bracket.
  return offsetsToRange(text, node.offset, container ? node.offset + 1 : node.offset + node.length);
}

/** Offsets (0-based, end exclusive) to a 1-based line/column range. */
export function offsetsToRange(text: string, start: number, end: number): TextRange {
  const from = position(text, start);
  const to = position(text, end);
  return { startLineNumber: from.line, startColumn: from.column, endLineNumber: to.line, endColumn: to.column };
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
