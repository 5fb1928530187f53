import { describe, expect, it } from 'vitest';
import { CopyRows, joinRows, keepRows } from './copy-rows';

const text = (rows: Uint8Array) => Buffer.from(rows).toString('utf8');

describe('COPY rows in shared memory', () => {
  it('keeps every row whole as the buffer grows past its first size', () => {
    const rows = new CopyRows(1); // room for ~1 KiB, then it grows
    const written = Array.from({ length: 50 }, (_, n) => `row ${n}\t${'x'.repeat(300 + n)}`);
    for (const row of written) rows.add(row);
    const done = rows.done();
    expect(done.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(text(done)).toBe(`${written.join('\n')}\n`);
  });

  it('encodes multi-byte characters as UTF-8, even when a row nearly fills the room left', () => {
    const rows = new CopyRows(1);
    const row = '€'.repeat(1023); // 3 bytes each: 3069 bytes from 1023 code units
    rows.add(row);
    rows.add('名前\t😀');
    expect(text(rows.done())).toBe(`${row}\n名前\t😀\n`);
    expect(rows.done().length).toBe(3069 + 1 + Buffer.byteLength('名前\t😀') + 1);
  });

  it('is empty until a row is added', () => {
    expect(new CopyRows(0).done().length).toBe(0);
  });

  it('joins rows in order', () => {
    const a = new CopyRows(1);
    a.add('a1');
    a.add('a2');
    const b = new CopyRows(1);
    b.add('b1');
    expect(text(joinRows([a.done(), new CopyRows(1).done(), b.done()]))).toBe('a1\na2\nb1\n');
    expect(joinRows([]).length).toBe(0);
  });

  it('keeps the rows asked for, by position', () => {
    const rows = new CopyRows(4);
    for (const row of ['zero', 'ünë', 'two', 'three']) rows.add(row);
    expect(text(keepRows(rows.done(), [true, true, false, true]))).toBe('zero\nünë\nthree\n');
    expect(keepRows(rows.done(), [false, false, false, false]).length).toBe(0);
  });

  it('refuses rows cut short of their newline', () => {
    expect(() => keepRows(new TextEncoder().encode('a\nb'), [true, true])).toThrow('a packed row has no end');
  });
});
