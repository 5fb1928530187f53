import { describe, expect, it } from 'vitest';
import { fileTransactions, InputStopped, textOf, type InputProblems } from './file-input';

async function* bytes(text: string, size: number): AsyncGenerator<Uint8Array> {
  const all = new TextEncoder().encode(text);
  for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
}

async function collect(text: string, format: 'csv' | 'jsonl', policy: 'skip' | 'stop', chunk = 3) {
  const problems: InputProblems = { count: 0, first: [] };
  const count = { bytes: 0 };
  const txs: unknown[] = [];
  for await (const batch of fileTransactions(textOf(bytes(text, chunk), count), { format, policy, problems })) txs.push(...batch);
  return { txs, problems, bytes: count.bytes };
}

describe('file input', () => {
  it('decodes UTF-8 split across chunks and counts every byte', async () => {
    const text = 'id,card.issuer_country,metadata.note\nt1,DE,Grüße 😀\n';
    const { txs, bytes: read } = await collect(text, 'csv', 'skip', 1);
    expect(txs).toEqual([{ id: 't1', card: { issuer_country: 'DE' }, metadata: { note: 'Grüße 😀' } }]);
    expect(read).toBe(new TextEncoder().encode(text).length);
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
