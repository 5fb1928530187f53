/**
 * A first-in first-out queue of at most `capacity` items. When full, a push drops the oldest item
 * and counts it: memory stays bounded however long the consumer is away, and the loss is known
 * exactly. Push is O(1) and allocates nothing but the array's growth.
 */
export class BoundedQueue<T> {
  private items: (T | undefined)[] = [];
  private head = 0;
  private droppedCount = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a whole number from 1 (got ${capacity})`);
  }

  get size(): number {
    return this.items.length - this.head;
  }

  /** Items dropped since the queue was made. */
  get dropped(): number {
    return this.droppedCount;
  }

  push(item: T): void {
    if (this.size >= this.capacity) this.dropOldest(1);
    this.items.push(item);
  }

  /** The oldest item, without taking it. */
  peek(): T | undefined {
    return this.size > 0 ? this.items[this.head] : undefined;
  }

  /** Takes up to `count` of the oldest items out, oldest first. */
  take(count: number): T[] {
    const end = Math.min(this.items.length, this.head + count);
    const taken = this.items.slice(this.head, end) as T[];
    for (let i = this.head; i < end; i++) this.items[i] = undefined;
    this.head = end;
    this.compact();
    return taken;
  }

  private dropOldest(count: number): void {
    for (let i = 0; i < count; i++) this.items[this.head + i] = undefined;
    this.head += count;
    this.droppedCount += count;
    this.compact();
  }

  /** Frees the taken slots once they are the larger part of the array. */
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
