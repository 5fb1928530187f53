import { describe, expect, it } from 'vitest';
import { parseJsonLines, parseJsonLinesRecords } from './json-lines';
import type { ParsedRecord } from './records';

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function records(text: string, size = 1 << 16, maxLineLength?: number): Promise<ParsedRecord[]> {
  const out: ParsedRecord[] = [];
  for await (const batch of parseJsonLinesRecords(chunked(text, size), { maxLineLength })) out.push(...batch);
  return out;
}

const SAMPLE = '\uFEFF{"id":"a","amount":1}\r\n\n   \n{"id":"b"}\n{bad json}\n[1,2]\nnull\n{"id":"c","card":{"brand":"visa"}}';

describe('parseJsonLines', () => {
  it('parses objects, skips blank lines, and reports bad lines with their numbers', async () => {
    const out = await records(SAMPLE);
    expect(out.map((r) => (r.ok ? [r.line, r.transaction] : [r.line, r.error.split(':')[0]]))).toEqual([
      [1, { id: 'a', amount: 1 }],
      [4, { id: 'b' }],
      [5, 'invalid JSON'],
      [6, 'expected a JSON object (one transaction per line)'],
      [7, 'expected a JSON object (one transaction per line)'],
      [8, { id: 'c', card: { brand: 'visa' } }],
    ]);
  });

  it('gives the same records whatever the chunk boundaries', async () => {
    const whole = await records(SAMPLE);
    for (const size of [1, 2, 3, 7, 13]) expect(await records(SAMPLE, size)).toEqual(whole);
  });

  it('gives the same records for a file longer than a piece read whole (line numbers across pieces)', async () => {
    const text = Array.from({ length: 3000 }, (_, i) => (i % 97 === 0 ? '{bad' : i % 13 === 0 ? '' : `{"id":"t${i}","amount":${i}}`)).join('\r\n');
    const whole = await records(text, text.length);
    expect(whole.filter((r) => !r.ok)).toHaveLength(31);
    expect(await records(text, 1000)).toEqual(whole);
  });

  it('refuses over-long lines without buffering them and resumes on the next line', async () => {
    const long = `{"id":"${'x'.repeat(3000)}"}`;
    for (const size of [10, 100, 10_000]) {
      const out = await records(`${long}\n{"id":"ok"}\n${long}`, size, 1000);
      expect(out).toEqual([
        { ok: false, line: 1, error: 'line longer than 1000 characters' },
        { ok: true, line: 2, transaction: { id: 'ok' } },
        { ok: false, line: 3, error: 'line longer than 1000 characters' },
      ]);
    }
    // Exactly at the limit is accepted, with or without a CRLF.
    const exact = `{"id":"${'y'.repeat(991)}"}`;
    expect(exact.length).toBe(1000);
    expect((await records(`${exact}\r\n${exact}`, 7, 1000)).every((r) => r.ok)).toBe(true);
    expect((await records(`${exact}z`, 7, 1000))[0]).toMatchObject({ ok: false });
  });

  it('keeps __proto__ keys as plain data', async () => {
    const [r] = await records('{"id":"p","__proto__":{"polluted":true}}');
    expect(r?.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('flattens to transactions with errors to onError', async () => {
    const seen: string[] = [];
    for await (const tx of parseJsonLines(chunked('{"id":"a"}\nnope\n{"id":"c"}\n', 5), { onError: (e) => seen.push(`error ${e.line}`) })) {
      seen.push(String(tx.id));
    }
    expect(seen).toEqual(['a', 'error 2', 'c']);
  });
});
