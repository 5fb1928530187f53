import 'server-only';
import type { MessagePort } from 'node:worker_threads';
import { openDatabase, type Connection } from '@/db/client';
import { writePacked, type PackedDecision } from './decision-log-store';

type Message = { kind: 'part'; id: number; entries: PackedDecision[] } | { kind: 'write'; id: number; maybeStored: boolean };

/**
 * The decision log's worker thread (lib/services/decision-log-writer.ts): gathers each batch from its
 * slices, writes it with the same one statement as ever, and answers written or failed. One write at
 * a time, in the order they came (the log sends the next only after this one's answer).
 */
export function serveDecisionLogWrites(port: MessagePort, url: string): void {
  let connection: Promise<Connection> | null = null;
  const parts = new Map<number, PackedDecision[]>();
  port.on('message', (message: Message) => {
    if (message.kind === 'part') {
      const batch = parts.get(message.id);
      if (batch) for (const entry of message.entries) batch.push(entry);
      else parts.set(message.id, message.entries);
      return;
    }
    const batch = parts.get(message.id) ?? [];
    parts.delete(message.id);
    connection ??= openDatabase({ kind: 'postgres', url });
    connection
      .then((c) => writePacked(c, batch, message.maybeStored))
      .then(
        () => port.postMessage({ kind: 'written', id: message.id }),
        (error: unknown) => port.postMessage({ kind: 'failed', id: message.id, message: messageOf(error) }),
      );
  });
  port.postMessage({ kind: 'ready' });
}

/** The driver's own message (drizzle wraps it in one that quotes the statement and its parameters: payment data, never logged). */
function messageOf(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
