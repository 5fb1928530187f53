import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './bounded-queue';

describe('BoundedQueue', () => {
  it('takes oldest first', () => {
    const q = new BoundedQueue<number>(10);
    for (let i = 0; i < 5; i++) q.push(i);
    expect(q.take(2)).toEqual([0, 1]);
    expect(q.take(10)).toEqual([2, 3, 4]);
    expect(q.size).toBe(0);
    expect(q.peek()).toBeUndefined();
  });

  it('drops the oldest beyond its capacity, and counts every drop', () => {
    const q = new BoundedQueue<number>(3);
    for (let i = 0; i < 10; i++) q.push(i);
    expect(q.dropped).toBe(7);
    expect(q.take(5)).toEqual([7, 8, 9]);
  });

  it('stays correct across compactions', () => {
    const q = new BoundedQueue<number>(5000);
    let taken = 0;
    for (let i = 0; i < 20_000; i++) {
      q.push(i);
      // Three in, two out: the queue fills and drops; the next item out is always the oldest not dropped.
      if (i % 3 === 0) for (const item of q.take(2)) expect(item).toBe(taken++ + q.dropped);
    }
    expect(q.dropped).toBeGreaterThan(0);
    const rest = q.take(Infinity);
    expect(taken + q.dropped + rest.length).toBe(20_000);
    expect(rest[rest.length - 1]).toBe(19_999);
  });

  it('refuses a capacity below 1', () => {
    expect(() => new BoundedQueue(0)).toThrow(RangeError);
  });
});
