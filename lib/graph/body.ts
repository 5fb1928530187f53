import type { SchemeNode } from '../scheme/schema';
import type { NodeBody } from './types';

/** A condition without then/else; strategies are returned as they are. */
export function bodyOf(node: SchemeNode): NodeBody {
  if (node.type !== 'condition') return node;
  const { then: _then, else: _else, ...body } = node;
  return body;
}
