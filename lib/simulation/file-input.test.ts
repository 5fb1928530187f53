import { describe, expect, it } from 'vitest';
import { fileTransactions, InputStopped, textOf, type InputProblems } from './file-input';

async function* bytes(all: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
}

async function collect(text: string, format: 'csv' | 'jsonl', policy: 'skip' | 'stop', chunk = 3) {
  return collectBytes(new TextEncoder().encode(text), format, chunk, policy);
}

async function collectBytes(all: Uint8Array, format: 'csv' | 'jsonl', chunk: number, policy: 'skip' | 'stop' = 'skip') {
  const problems: InputProblems = { count: 0, first: [] };
  const count = { bytes: 0 };
  const txs: unknown[] = [];
  for await (const batch of fileTransactions(textOf(bytes(all, chunk), count), { format, policy, problems })) txs.push(...batch);
  return { txs, problems, bytes: count.bytes };
}

describe('file input', () => {
  it('decodes UTF-8 split across chunks and counts every byte', async () => {
    const text = 'id,card.issuer_country,metadata.note\nt1,DE,Grüße 😀\n';
    const { txs, bytes: read } = await collect(text, 'csv', 'skip', 1);
    expect(txs).toEqual([{ id: 't1', card: { issuer_country: 'DE' }, metadata: { note: 'Grüße 😀' } }]);
    expect(read).toBe(new TextEncoder().encode(text).length);
  });

  it('reports a line that is not UTF-8 by its number (CSV and JSON lines), wherever the chunks are cut', async () => {
    for (const chunk of [1, 2, 5, 64]) {
      const csv = Buffer.concat([Buffer.from('id,metadata.note\nt1,a\nt2,b'), Buffer.from([0xff]), Buffer.from('c\nt3,"d\ne"\n')]);
      const jsonl = Buffer.concat([Buffer.from('{"id":"t1"}\r\n{"id":"'), Buffer.from([0xe2, 0x82]), Buffer.from('"}\r\n{"id":"t3"}\r\n')]);
      for (const [bytes, format] of [[csv, 'csv'], [jsonl, 'jsonl']] as const) {
        const { txs, problems } = await collectBytes(bytes, format, chunk);
        expect(txs.map((t) => (t as { id: string }).id)).toEqual(['t1', 't3']);
        expect(problems.first).toEqual([{ line: format === 'csv' ? 3 : 2, column: null, problem: 'not valid UTF-8' }]);
      }
    }
  });

  it('skips bad rows, counting all and listing them with line, column and problem', async () => {
    const lines = ['{"id":"a"}', 'not json', '[1]', '{"id":"b","x":' + '{"y":'.repeat(20) + '1' + '}'.repeat(21), '{"id":"c"}'];
    const { txs, problems } = await collect(lines.join('\n'), 'jsonl', 'skip');
    expect(txs.map((t) => (t as { id: string }).id)).toEqual(['a', 'c']);
    expect(problems.count).toBe(3);
    expect(problems.first.map((p) => [p.line, p.column])).toEqual([[2, null], [3, null], [4, null]]);
    expect(problems.first[2]!.problem).toContain('nested at most 16 levels');
  });

  it('keeps only the first 100 problems but counts them all', async () => {
    const text = ['id,amount', ...Array.from({ length: 150 }, (_, i) => `t${i},x${i}`)].join('\n');
    const { problems } = await collect(text, 'csv', 'skip', 64);
    expect(problems.count).toBe(150);
    expect(problems.first).toHaveLength(100);
    expect(problems.first[0]).toEqual({ line: 2, column: 'amount', problem: 'column "amount": "x0" is not a valid number' });
  });

  it('stops at the first bad row when asked to', async () => {
    await expect(collect('id,amount\nt1,1\nt2,oops\nt3,3\n', 'csv', 'stop')).rejects.toThrow(InputStopped);
    await expect(collect('id,amount\nt1,1\nt2,oops\n', 'csv', 'stop')).rejects.toMatchObject({ problem: { line: 3, column: 'amount' } });
  });
});
