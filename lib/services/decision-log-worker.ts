import 'server-only';
import type { MessagePort } from 'node:worker_threads';
import { openDatabase, type Connection } from '@/db/client';
import { writePacked, type PackedBatch } from './decision-log-store';

interface Message {
  id: number;
  batch: PackedBatch;
  maybeStored: boolean;
}

/**
 * The decision log's worker thread (lib/services/decision-log-writer.ts): writes each batch with the
 * same statements as decide's thread would, and answers written or failed. One write at a time, in
 * the order they came (the log sends the next only after this one's answer).
 */
export function serveDecisionLogWrites(port: MessagePort, url: string): void {
  let connection: Promise<Connection> | null = null;
  port.on('message', (message: Message) => {
    connection ??= openDatabase({ kind: 'postgres', url });
    connection
      .then((c) => writePacked(c, message.batch, message.maybeStored))
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
