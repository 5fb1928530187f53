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
});
