import type { SchemeDocument } from '../scheme/schema';
import type { LayoutOptions } from './layout-options';
import { ownValue } from './records';
import { HANDLE_OFFSET, NODE_GAP, NODE_SIZE } from './sizes';
import { treeShape } from './tree-shape';
import type { XYPosition } from './types';

/**
 * The outline of a placed subtree: for each layer it spans, its leftmost and rightmost edge across the
 * layout direction (x for `down`, y for `right`). Entries are stored deepest layer first, so a parent
 * adds its own layer with a push; layer `d` is at index `bottom - d`. Coordinates are `value + shift`,
 * relative to the subtree root's centre, so moving a whole subtree is one addition.
 */
interface Contour {
  bottom: number;
  left: number[];
  right: number[];
  shift: number;
}

/**
 * Positions for a tree-shaped document (see treeShape), or null when it is not one.
 *
 * A layered tidy tree: every layer (depth) starts at the same offset along the layout direction, as
 * deep as its deepest node plus NODE_GAP.layers. Across it, each subtree is packed against its left
 * (or upper) siblings as closely as NODE_GAP.between allows at every layer they share — the contour
 * comparison of Reingold and Tilford. Children come yes before no, so a yes subtree is always left of
 * (above) the no subtree and branches never cross. A condition sits with the handle of its larger branch
 * (more nodes; yes on a tie) straight over that child, so the main line of a scheme runs straight down
 * (across) and the smaller branch steps aside; centred over both, a condition of a wide tree would sit
 * far from either child. Separate components (unreachable parts) come side by side, after the start's.
 *
 * Linear in the number of nodes: merging two contours costs the height of the shorter one (the longer
 * one's arrays are kept), which sums to O(n) over a tree.
 */
export function treeLayout(doc: SchemeDocument, options: LayoutOptions = {}): Record<string, XYPosition> | null {
  const shape = treeShape(doc);
  if (shape === null) return null;
  const { roots, children, depth } = shape;
  const down = (options.direction ?? 'down') === 'down';
  const sizes = options.sizes;
  const size = (id: string) => ownValue(sizes, id) ?? NODE_SIZE[ownValue(doc.nodes, id)!.type];
  const across = (id: string) => (down ? size(id).width : size(id).height);
  const along = (id: string) => (down ? size(id).height : size(id).width);

  // Parents before children (walked backwards: children before parents). Iterative, so deep schemes are fine.
  const preOrder: string[] = [];
  const parentOf = new Map<string, string>();
  const stack = [...roots].reverse();
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    preOrder.push(id);
    const own = children.get(id) ?? [];
    for (let i = own.length - 1; i >= 0; i--) {
      parentOf.set(own[i]!, id);
      stack.push(own[i]!);
    }
  }

  const layerDepth: number[] = [];
  for (const id of preOrder) {
    const layer = depth.get(id)!;
    layerDepth[layer] = Math.max(layerDepth[layer] ?? 0, along(id));
  }
  const layerStart: number[] = [0];
  for (let layer = 1; layer < layerDepth.length; layer++) layerStart[layer] = layerStart[layer - 1]! + layerDepth[layer - 1]! + NODE_GAP.layers;

  /** Centre of each node across the layout direction, relative to its parent's (roots: see packComponents). */
  const offset = new Map<string, number>();
  const contours = new Map<string, Contour>();
  const weight = new Map<string, number>();
  for (let i = preOrder.length - 1; i >= 0; i--) {
    const id = preOrder[i]!;
    const half = across(id) / 2;
    const own = children.get(id) ?? [];
    weight.set(id, own.reduce((sum, child) => sum + weight.get(child)!, 1));
    if (own.length === 0) {
      contours.set(id, { bottom: depth.get(id)!, left: [-half], right: [half], shift: 0 });
      continue;
    }
    const { contour, placed } = packSide(own, contours);
    const main = own.reduce((best, child, k) => (weight.get(child)! > weight.get(own[best]!)! ? k : best), 0);
    const node = ownValue(doc.nodes, id)!;
    const handle = node.type === 'condition' && node.then === own[main] ? 'yes' : 'no';
    // This node's centre, in the children's frame: its handle right over the main child's centre.
    const anchor = placed[main]! - (HANDLE_OFFSET[handle] - 0.5) * across(id);
    own.forEach((child, k) => offset.set(child, placed[k]! - anchor));
    contour.shift -= anchor;
    contour.left.push(-half - contour.shift);
    contour.right.push(half - contour.shift);
    contours.set(id, contour);
  }
  packComponents(roots, contours, offset);

  const centre = new Map<string, number>();
  let min = Infinity;
  for (const id of preOrder) {
    const parent = parentOf.get(id);
    const c = (parent === undefined ? 0 : centre.get(parent)!) + offset.get(id)!;
    centre.set(id, c);
    min = Math.min(min, c - across(id) / 2);
  }
  return Object.fromEntries(
    Object.keys(doc.nodes).map((id) => {
      const first = Math.round(centre.get(id)! - across(id) / 2 - min);
      const layer = layerStart[depth.get(id)!]!;
      return [id, down ? { x: first, y: layer } : { x: layer, y: first }];
    }),
  );
}

/**
 * Places the components side by side, each clear of the whole extent of the ones before (not nested
 * into their outline, which would read as part of them); root offsets are from the first root's centre.
 */
function packComponents(roots: readonly string[], contours: Map<string, Contour>, offset: Map<string, number>): void {
  let next = 0;
  for (const root of roots) {
    const { left, right, shift } = contours.get(root)!;
    // Loops, not Math.min(...left): a deep chain's outline has one entry per layer.
    const first = left.reduce((a, b) => Math.min(a, b)) + shift;
    const last = right.reduce((a, b) => Math.max(a, b)) + shift;
    offset.set(root, next - first);
    next += last - first + NODE_GAP.between;
  }
}

/**
 * Places `ids` (siblings) side by side in order, each as close to the ones before as the gap allows on
 * every layer they share. Answers their centres relative to the first one's, and their joint contour in
 * that frame (taking over the children's contour arrays).
 */
function packSide(ids: readonly string[], contours: Map<string, Contour>): { contour: Contour; placed: number[] } {
  const placed: number[] = [0];
  let joint = contours.get(ids[0]!)!;
  for (let i = 1; i < ids.length; i++) {
    const next = contours.get(ids[i]!)!;
    const shared = Math.min(joint.bottom, next.bottom);
    const top = joint.bottom - joint.left.length + 1;
    let at = -Infinity;
    for (let layer = top; layer <= shared; layer++) {
      at = Math.max(at, joint.right[joint.bottom - layer]! + joint.shift - (next.left[next.bottom - layer]! + next.shift) + NODE_GAP.between);
    }
    placed.push(at);
    joint = merge(joint, next, at);
  }
  return { contour: joint, placed };
}

/** `right` placed at `at` in `left`'s frame, right of it: the outline of both, in `left`'s frame. */
function merge(left: Contour, right: Contour, at: number): Contour {
  const top = left.bottom - left.left.length + 1;
  if (right.bottom > left.bottom) {
    // The right one is deeper: keep its arrays and write the left outline into the layers both have.
    const base: Contour = { ...right, shift: right.shift + at };
    for (let layer = top; layer <= left.bottom; layer++) base.left[base.bottom - layer] = left.left[left.bottom - layer]! + left.shift - base.shift;
    return base;
  }
  for (let layer = top; layer <= right.bottom; layer++) left.right[left.bottom - layer] = right.right[right.bottom - layer]! + right.shift + at - left.shift;
  return left;
}
