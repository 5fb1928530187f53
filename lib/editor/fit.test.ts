import { describe, expect, it } from 'vitest';
import { fitsReadably, zoomToFit } from './fit';

describe('fitting a scheme into view', () => {
  it('leaves the overlay margins free', () => {
    // 1000 × 600 canvas: 916 × 458 free. A 916 × 458 drawing fits at exactly 1.
    expect(zoomToFit({ width: 916, height: 458 }, 1000, 600)).toBeCloseTo(1);
  });

  it('calls a tall top-to-bottom chain unreadable when fitted whole, a small scheme readable', () => {
    expect(fitsReadably({ width: 900, height: 2400 }, 900, 700)).toBe(false);
    expect(fitsReadably({ width: 800, height: 500 }, 900, 700)).toBe(true);
  });
});
