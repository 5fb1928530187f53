/**
 * Where a node added "in the middle of the view" should go: the free place nearest to that point, so a
 * new node never lands on top of another. Pure geometry on top-left positions and sizes.
 */
import type { XYPosition } from '../graph';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box, gap: number) =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;

const inside = (a: Box, view: Box) => a.x >= view.x && a.y >= view.y && a.x + a.width <= view.x + view.width && a.y + a.height <= view.y + view.height;

/**
 * The top-left of a `size` box near `desired` that keeps `gap` from every box in `taken`, and lies
 * wholly inside `view` (the visible part of the canvas) when a free place there exists — a new node
 * goes where it is seen.
 */
export function freeSpot(desired: XYPosition, size: { width: number; height: number }, taken: readonly Box[], gap = 24, view?: Box): XYPosition {
  let outside: XYPosition | undefined;
  const stepX = size.width + gap;
  const stepY = Math.round(size.height / 2) + gap;
  // Rings of candidates around the desired point, nearest first; 12 rings cover a crowded view.
  for (let ring = 0; ring <= 12; ring++) {
    const candidates: XYPosition[] = [];
    for (let dx = -ring; dx <= ring; dx++) {
      for (let dy = -ring; dy <= ring; dy++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        candidates.push({ x: desired.x + dx * stepX, y: desired.y + dy * stepY });
      }
    }
    candidates.sort((a, b) => Math.hypot(a.x - desired.x, a.y - desired.y) - Math.hypot(b.x - desired.x, b.y - desired.y));
    for (const c of candidates) {
      if (taken.some((box) => overlaps({ ...c, ...size }, box, gap))) continue;
      if (!view || inside({ ...c, ...size }, view)) return { x: Math.round(c.x), y: Math.round(c.y) };
      outside ??= c;
    }
  }
  const spot = outside ?? desired;
  return { x: Math.round(spot.x), y: Math.round(spot.y) };
}
