import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from './csv';
import { textOf } from './file-input';
import { mulberry32 } from './prng';
import type { ParsedRecord } from './records';

/*
 * An upload reaches the CSV reader in chunks cut wherever the network cut them: inside a field, inside
 * quotes, between the "\r" and "\n" of a line end, inside a UTF-8 sequence. Whatever the cuts, the
 * rows (and their line numbers and problems) must be those of the file read in one piece.
 */

async function* pieces(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    yield bytes.slice(from, cut);
    from = cut;
  }
}

async function read(bytes: Uint8Array, cuts: readonly number[] = [], maxRecordLength?: number): Promise<ParsedRecord[]> {
  const out: ParsedRecord[] = [];
  for await (const batch of parseCsvRecords(textOf(pieces(bytes, cuts), { bytes: 0 }), { maxRecordLength })) out.push(...batch);
  return out;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Quoted fields with commas, line breaks and "" escapes, CRLF and LF line ends, a blank line, bad rows. */
const SMALL = utf8(
  'id,amount,metadata.note,recurring\r\n' +
  'tx_1,12.5,"a, b",true\r\n' +
  'tx_2,3,"say ""hi""",false\r\n' +
  '\r\n' +
  'tx_3,,"two\r\nlines, ""quoted""",1\n' +
  'tx_4,abc,plain,0\r\n' +
  'tx_5,1\r\n' +
  'tx_6,7,"",true\r\n' +
  'tx_7,8,"x\ny\nz",false',
);

describe('CSV read from an upload cut into chunks', () => {
  it('reads the small file as expected in one piece', async () => {
    expect((await read(SMALL)).map((r) => (r.ok ? `${r.line} ${JSON.stringify(r.transaction)}` : `${r.line} ${r.error}`))).toEqual([
      '2 {"id":"tx_1","amount":12.5,"metadata":{"note":"a, b"},"recurring":true}',
      '3 {"id":"tx_2","amount":3,"metadata":{"note":"say \\"hi\\""},"recurring":false}',
      '5 {"id":"tx_3","metadata":{"note":"two\\r\\nlines, \\"quoted\\""},"recurring":true}',
      '7 column "amount": "abc" is not a valid number',
      '8 expected 4 fields, found 2',
      '9 {"id":"tx_6","amount":7,"recurring":true}',
      '10 {"id":"tx_7","amount":8,"metadata":{"note":"x\\ny\\nz"},"recurring":false}',
    ]);
  });

  it('gives the same rows when cut in two at every byte offset', async () => {
    const whole = await read(SMALL);
    for (let cut = 0; cut <= SMALL.length; cut++) expect(await read(SMALL, [cut]), `cut at byte ${cut}`).toEqual(whole);
  });

  it('gives the same rows, bad quotes, a line that is not UTF-8 and an open quote included, at every cut', async () => {
    const file = new Uint8Array([
      ...utf8('id,amount,metadata.note\r\na,1,"x"y, more\r\nb,2,"ok"\r\nc,3,caf'), 0xc3, 0x28, ...utf8('\r\nd,4,"é"\r\ne,5,"open\r\nstill'),
    ]);
    const whole = await read(file);
    expect(whole.map((r) => (r.ok ? `${r.line} ok` : `${r.line} ${r.error}`))).toEqual([
      '2 characters after a closing quote', '3 ok', '4 not valid UTF-8', '5 ok', '6 a quoted field is not closed before the end of the input',
    ]);
    for (let cut = 0; cut <= file.length; cut++) expect(await read(file, [cut]), `cut at byte ${cut}`).toEqual(whole);
  });

  it('gives the same rows for a file of "\\r" line ends at every cut', async () => {
    const file = utf8('id,amount,metadata.note\ra,1,"two\rlines"\r\rb,2,x\rc,oops,y');
    const whole = await read(file);
    expect(whole.map((r) => (r.ok ? `${r.line} ok` : `${r.line} ${r.error}`))).toEqual(['2 ok', '5 ok', '6 column "amount": "oops" is not a valid number']);
    for (let cut = 0; cut <= file.length; cut++) expect(await read(file, [cut]), `cut at byte ${cut}`).toEqual(whole);
  });

  it('gives the same rows when cut at every byte', async () => {
    expect(await read(SMALL, Array.from({ length: SMALL.length - 1 }, (_, i) => i + 1))).toEqual(await read(SMALL));
  });

  it('gives the same rows for a multi-byte UTF-8 file cut at random offsets', async () => {
    const notes = ['Grüße, "Jörg"', 'naïve\r\ncafé', '😀 emoji, 𝄞 clef', '日本語の\n行', 'plain'];
    const lines = ['id,amount,card.issuer_country,metadata.note'];
    for (let i = 0; i < 400; i++) {
      const note = notes[i % notes.length]!;
      lines.push(`tx_${i},${i % 7 === 3 ? 'zwölf' : i},${i % 2 ? 'DE' : 'FR'},"${note.replace(/"/g, '""')}"`);
    }
    const bytes = utf8(lines.map((line, i) => line + (i % 3 ? '\n' : '\r\n')).join(''));
    const whole = await read(bytes);
    expect(whole).toHaveLength(400);
    expect(whole.filter((r) => !r.ok)).toHaveLength(57);
    const random = mulberry32(7);
    for (let round = 0; round < 60; round++) {
      const cuts = Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * bytes.length)).sort((a, b) => a - b);
      expect(await read(bytes, cuts), `cuts ${cuts.join(',')}`).toEqual(whole);
    }
  });

  it('gives the same rows when every CRLF is cut between its "\\r" and "\\n"', async () => {
    const cuts: number[] = [];
    SMALL.forEach((byte, i) => { if (byte === 13) cuts.push(i + 1); });
    expect(await read(SMALL, cuts)).toEqual(await read(SMALL));
  });

  it('gives the same rows, a too-long record included, at every cut of a file with one', async () => {
    const file = utf8(`id,metadata.n\na,"${'x'.repeat(60)}\n${'y'.repeat(60)}"\nb,short\r\nc,"q""${'z'.repeat(70)}",\nd,ok\n`);
    const whole = await read(file, [], 50);
    expect(whole.map((r) => (r.ok ? `${r.line} ok` : `${r.line} ${r.error}`))).toEqual([
      '2 record longer than 50 characters', '4 ok', '5 record longer than 50 characters', '6 ok',
    ]);
    for (let cut = 0; cut <= file.length; cut++) expect(await read(file, [cut], 50), `cut at byte ${cut}`).toEqual(whole);
  });

  it('gives the same rows for a file longer than a piece read whole, its quoted line breaks across piece ends', async () => {
    const lines = ['id,amount,metadata.note'];
    for (let i = 0; i < 4000; i++) lines.push(`tx_${i},${i},"${i % 5 === 0 ? 'two\nlines' : i % 11 === 0 ? 'oops"x' : 'plain'}"`);
    const bytes = utf8(lines.join('\n'));
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    const whole = await read(bytes);
    expect(whole).toHaveLength(4000);
    const small = Array.from({ length: Math.floor(bytes.length / 1000) }, (_, i) => (i + 1) * 1000 - 1);
    expect(await read(bytes, small)).toEqual(whole);
  });
});
