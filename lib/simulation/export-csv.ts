import type { Plan, ProcessorSet, Transaction } from '../engine/types';
import { simulateOne } from './simulate-one';

export const EXPORT_HEADER = 'row,id,outcome,status,node,first_processor,attempts,final_processor,final_outcome,currency,amount\n';

/**
 * One CSV cell. Quoted when it holds a comma, quote or line break; text that a spreadsheet would run
 * as a formula (= + - @ tab CR) is prefixed with `'`, since cells come from uploaded files.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The simulated result of one payment as a line of the export. */
export function exportLine(row: number, tx: Transaction, plan: Plan, processors: ProcessorSet, seed: number): string {
  const result = simulateOne(plan, tx, processors, { seed });
  const last = result.attempts[result.attempts.length - 1];
  return [
    row,
    csvCell(tx.id),
    result.outcome,
    result.status,
    csvCell(result.node),
    csvCell(result.processor),
    result.attempts.length,
    csvCell(last?.processor),
    last?.outcome ?? '',
    csvCell(tx.currency),
    typeof tx.amount === 'number' ? csvCell(tx.amount) : '',
  ].join(',') + '\n';
}

/** Export lines in chunks of ~`per` lines, so a streamed response is written in reasonably sized pieces. */
export async function* exportChunks(
  transactions: Iterable<Transaction> | AsyncIterable<Transaction | readonly Transaction[]>,
  plan: Plan,
  processors: ProcessorSet,
  seed: number,
  per = 2000,
): AsyncGenerator<string> {
  yield EXPORT_HEADER;
  let out = '';
  let lines = 0;
  let row = 0;
  for await (const item of transactions as AsyncIterable<Transaction | readonly Transaction[]>) {
    for (const tx of Array.isArray(item) ? (item as readonly Transaction[]) : [item as Transaction]) {
      out += exportLine(++row, tx, plan, processors, seed);
      if (++lines >= per) {
        yield out;
        out = '';
        lines = 0;
      }
    }
  }
  if (out.length > 0) yield out;
}
