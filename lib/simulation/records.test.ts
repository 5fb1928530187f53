import { describe, expect, it } from 'vitest';
import { inPieces } from './records';

async function piecesOf(chunks: string[]): Promise<string[]> {
  const out: string[] = [];
  async function* source() { yield* chunks; }
  for await (const piece of inPieces(source())) out.push(piece);
  return out;
}

describe('inPieces', () => {
  it('cuts a long chunk at line ends into pieces of about 8 KB that join back to it', async () => {
    const chunk = Array.from({ length: 5000 }, (_, i) => `row ${i},${'x'.repeat(i % 40)}\n`).join('') + 'partial';
    const pieces = await piecesOf([chunk]);
    expect(pieces.join('')).toBe(chunk);
    expect(pieces.length).toBeGreaterThan(10);
    for (const piece of pieces.slice(0, -1)) {
      expect(piece.endsWith('\n')).toBe(true);
      expect(piece.length).toBeGreaterThanOrEqual(8192);
      expect(piece.length).toBeLessThan(8192 + 100);
    }
    expect(pieces.at(-1)!.endsWith('partial')).toBe(true);
  });

  it('passes short chunks, and a long one without "\\n", through whole, and yields no empty piece', async () => {
    const noNewline = 'a\r'.repeat(20_000);
    const endsAtCut = `${'y'.repeat(8192)}\n${'z'.repeat(9000)}\n`;
    expect(await piecesOf(['short\n', noNewline])).toEqual(['short\n', noNewline]);
    const pieces = await piecesOf([endsAtCut]);
    expect(pieces.join('')).toBe(endsAtCut);
    expect(pieces.every((p) => p.length > 0)).toBe(true);
  });
});
