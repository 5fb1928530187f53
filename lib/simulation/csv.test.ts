import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords } from './csv';
import { INVALID_UTF8_LINE, type ParsedRecord } from './records';

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function records(text: string, size = 1 << 16, maxRecordLength?: number): Promise<ParsedRecord[]> {
  const out: ParsedRecord[] = [];
  for await (const batch of parseCsvRecords(chunked(text, size), { maxRecordLength })) out.push(...batch);
  return out;
}

const TRICKY =
  '\uFEFFid,amount,card.issuer_country,metadata.note,recurring,tags\r\n' +
  'tx_1,12.5,DE,"hello, ""world""",true,a|b\r\n' +
  '\r\n' +
  'tx_2,,,"two\r\nlines",FALSE,\n' +
  'tx_3,7,FR,plain,1,"x | y |"';

describe('parseCsv', () => {
  it('handles quotes, escaped quotes, CRLF, newlines inside quotes, blank lines and a BOM', async () => {
    const out = await records(TRICKY);
    expect(out).toEqual([
      {
        ok: true, line: 2,
        transaction: { id: 'tx_1', amount: 12.5, card: { issuer_country: 'DE' }, metadata: { note: 'hello, "world"' }, recurring: true, tags: ['a', 'b'] },
      },
      { ok: true, line: 4, transaction: { id: 'tx_2', metadata: { note: 'two\r\nlines' }, recurring: false } },
      { ok: true, line: 6, transaction: { id: 'tx_3', amount: 7, card: { issuer_country: 'FR' }, metadata: { note: 'plain' }, recurring: true, tags: ['x', 'y'] } },
    ]);
  });

  it('gives the same records whatever the chunk boundaries', async () => {
    const whole = await records(TRICKY);
    for (const size of [1, 2, 3, 5, 7, 11, 64]) expect(await records(TRICKY, size)).toEqual(whole);
  });

  it('keeps metadata.* and unknown paths as strings and coerces integers strictly', async () => {
    const out = await records('metadata.count,merchant.mcc,custom.thing\n007,5732,12\n1,57.5,x\n');
    expect(out[0]).toEqual({ ok: true, line: 2, transaction: { metadata: { count: '007' }, merchant: { mcc: 5732 }, custom: { thing: '12' } } });
    expect(out[1]).toMatchObject({ ok: false, line: 3, error: 'column "merchant.mcc": "57.5" is not a valid integer' });
  });

  it('reads a created_at of digits as epoch milliseconds and keeps any other text for the engine to judge', async () => {
    const out = await records('created_at\n1772357400000\n2026-03-01T09:30:00Z\n2026-1-1 23:30\n-5\n');
    expect(out.map((r) => r.ok && r.transaction.created_at)).toEqual([1772357400000, '2026-03-01T09:30:00Z', '2026-1-1 23:30', -5]);
  });

  it('reports bad rows with their line numbers and keeps going', async () => {
    const out = await records('id,amount,recurring\na,abc,true\nb,1\nc,2,maybe\ne,"3"z,true\nf,4,false\ng,"5" x,"y"\nh,"6",true\n');
    expect(out.map((r) => (r.ok ? `${r.line} ok` : `${r.line} ${r.error}`))).toEqual([
      '2 column "amount": "abc" is not a valid number',
      '3 expected 3 fields, found 2',
      '4 column "recurring": "maybe" is not a valid boolean',
      '5 characters after a closing quote',
      '6 ok',
      '7 characters after a closing quote',
      '8 ok',
    ]);
  });

  it('reads a quote inside an unquoted field as text, and allows spaces after a closing quote', async () => {
    const out = await records('id,metadata.note,amount\nd"1,say "hi",1\n"e" ,"x"  ,2\n');
    expect(out).toEqual([
      { ok: true, line: 2, transaction: { id: 'd"1', metadata: { note: 'say "hi"' }, amount: 1 } },
      { ok: true, line: 3, transaction: { id: 'e', metadata: { note: 'x' }, amount: 2 } },
    ]);
  });

  it('reads a file whose rows end in "\\r" alone', async () => {
    const out = await records('id,amount\r"a\rb",1\rc,2\r\rd,3', 3);
    expect(out).toEqual([
      { ok: true, line: 2, transaction: { id: 'a\rb', amount: 1 } },
      { ok: true, line: 4, transaction: { id: 'c', amount: 2 } },
      { ok: true, line: 6, transaction: { id: 'd', amount: 3 } },
    ]);
  });

  it('reports a line that is not UTF-8 (as the upload decoder marks it) on its row, and goes on', async () => {
    const out = await records(`id,amount\na,1\n${INVALID_UTF8_LINE}\nb,"2"\n`);
    expect(out.map((r) => (r.ok ? `${r.line} ok` : `${r.line} ${r.error}`))).toEqual(['2 ok', '3 not valid UTF-8', '4 ok']);
    expect(await records(`${INVALID_UTF8_LINE}\r\na,1\r\n`)).toEqual([{ ok: false, line: 1, error: 'header: not valid UTF-8' }]);
  });

  it('counts lines inside quoted fields and reports an unterminated quote where its row starts', async () => {
    const out = await records('id,metadata.n\na,"x\ny"\nb,"open\nstill open');
    expect(out).toEqual([
      { ok: true, line: 2, transaction: { id: 'a', metadata: { n: 'x\ny' } } },
      { ok: false, line: 4, error: 'a quoted field is not closed before the end of the input' },
    ]);
  });

  it('refuses bad headers once, at line 1', async () => {
    for (const [header, message] of [
      ['id,id', 'header column "id" appears twice'],
      ['card,card.brand', 'header columns "card" and "card.brand" conflict (a value cannot also hold fields)'],
      ['id,__proto__.x', 'header column 2 uses a reserved name: "__proto__.x"'],
      ['id,card..brand', 'header column 2 is not a dotted path: "card..brand"'],
    ]) {
      expect(await records(`${header}\n1,2\n3,4\n`)).toEqual([{ ok: false, line: 1, error: message }]);
    }
  });

  it('caps record length without buffering the record, then resumes', async () => {
    const long = 'x'.repeat(5000);
    const out = await records(`id,metadata.n\na,"${long}\n${long}"\nb,short\n`, 100, 1000);
    expect(out).toEqual([
      { ok: false, line: 2, error: 'record longer than 1000 characters' },
      { ok: true, line: 4, transaction: { id: 'b', metadata: { n: 'short' } } },
    ]);
  });

  it('flattens to transactions, sending errors to onError in order, or throwing without it', async () => {
    const seen: string[] = [];
    for await (const tx of parseCsv(chunked('id,amount\na,1\nb,x\nc,3\n', 4), { onError: (e) => seen.push(`error ${e.line}`) })) {
      seen.push(String(tx.id));
    }
    expect(seen).toEqual(['a', 'error 3', 'c']);
    const drain = async () => { for await (const _ of parseCsv(chunked('id,amount\nb,x\n', 4))) void _; };
    await expect(drain()).rejects.toThrow('line 2: column "amount": "x" is not a valid number');
  });

  it('yields nothing for an empty file or a header alone', async () => {
    expect(await records('')).toEqual([]);
    expect(await records('id,amount\r\n')).toEqual([]);
  });
});
