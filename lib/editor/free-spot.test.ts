import { describe, expect, it } from 'vitest';
import { freeSpot } from './free-spot';

const size = { width: 260, height: 100 };

describe('freeSpot', () => {
  it('takes the desired place when it is free', () => {
    expect(freeSpot({ x: 10, y: 20 }, size, [{ x: 400, y: 400, width: 260, height: 100 }])).toEqual({ x: 10, y: 20 });
  });

  it('moves to the nearest free place, never overlapping', () => {
    const taken = [{ x: 0, y: 0, width: 260, height: 100 }];
    const spot = freeSpot({ x: 0, y: 0 }, size, taken);
    expect(spot).not.toEqual({ x: 0, y: 0 });
    const clear = spot.x >= 260 + 24 || spot.x + 260 + 24 <= 0 || spot.y >= 100 + 24 || spot.y + 100 + 24 <= 0;
    expect(clear).toBe(true);
  });

  it('keeps placing nodes apart as the view fills up', () => {
    const taken: { x: number; y: number; width: number; height: number }[] = [];
    for (let i = 0; i < 8; i++) taken.push({ ...freeSpot({ x: 0, y: 0 }, size, taken), ...size });
    for (let i = 0; i < taken.length; i++) {
      for (let j = i + 1; j < taken.length; j++) {
        const [a, b] = [taken[i]!, taken[j]!];
        expect(a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height).toBe(false);
      }
    }
  });

  it('stays inside the visible part of the canvas when there is room there', () => {
    const view = { x: -450, y: 40, width: 900, height: 320 };
    // The middle and the places left and right of it are taken; the nearest free place, above, is out of view.
    const taken = [-1, 0, 1].map((i) => ({ x: -130 + i * 284, y: 50, width: 260, height: 100 }));
    const spot = freeSpot({ x: -130, y: 50 }, size, taken, 24, view);
    expect(spot.x >= view.x && spot.y >= view.y && spot.x + 260 <= view.x + view.width && spot.y + 100 <= view.y + view.height).toBe(true);
    for (const box of taken) expect(spot.x < box.x + box.width && box.x < spot.x + 260 && spot.y < box.y + box.height && box.y < spot.y + 100).toBe(false);
  });

  it('falls back to the nearest free place when the view has none', () => {
    const view = { x: 0, y: 0, width: 270, height: 110 };
    const spot = freeSpot({ x: 0, y: 0 }, size, [{ x: 0, y: 0, width: 260, height: 100 }], 24, view);
    expect(spot).not.toEqual({ x: 0, y: 0 });
  });
});
