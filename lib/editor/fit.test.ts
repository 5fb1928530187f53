import { describe, expect, it } from 'vitest';
import { fitsReadably, zoomToFit } from './fit';

describe('fitting a scheme into view', () => {
  it('leaves the margins free, and the minimap\'s strip when it is on', () => {
    // 1000 × 600 canvas: 952 × 552 free, or 952 × 458 with the minimap.
    expect(zoomToFit({ width: 952, height: 552 }, 1000, 600)).toBeCloseTo(1);
    expect(zoomToFit({ width: 952, height: 552 }, 1000, 600, true)).toBeCloseTo(458 / 552);
  });

  it('calls a tall top-to-bottom chain unreadable when fitted whole, a small scheme readable', () => {
    expect(fitsReadably({ width: 900, height: 2400 }, 900, 700)).toBe(false);
    expect(fitsReadably({ width: 800, height: 500 }, 900, 700)).toBe(true);
  });
});
