import { createServer, type Server } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Connection } from './client';

/**
 * A server that accepts a connection and closes it cleanly before answering: what a proxy or pooler
 * in front of a stopped database does. postgres.js on its own would keep such a statement waiting
 * for ever while it reconnects without pause (porsager/postgres#1193; patches/postgres+*.patch);
 * a statement must fail at once, as it does when the connection is reset or refused.
 */
describe('a database connection closed cleanly while it starts', () => {
  let server: Server;
  let connection: Connection;
  let accepted = 0;
  beforeAll(async () => {
    server = createServer((socket) => {
      accepted++;
      socket.on('error', () => {});
      socket.resume(); // reads (and drops) the client's startup message, so no reset follows the FIN
      socket.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    connection = await openDatabase({ kind: 'postgres', url: `postgres://postgres@127.0.0.1:${port}/test` });
  });
  afterAll(async () => {
    await connection?.close().catch(() => {});
    await new Promise((resolve) => server.close(resolve));
  });

  it('fails a statement waiting on it instead of reconnecting for ever', async () => {
    const started = Date.now();
    const outcome = await Promise.race([
      connection.db.execute(sql`select 1`).then(() => 'answered', (error: unknown) => error),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 3_000)),
    ]);
    expect(outcome).toBeInstanceOf(Error);
    expect(String((outcome as Error & { cause?: Error }).cause ?? outcome)).toMatch(/CONNECTION_CLOSED/);
    expect(Date.now() - started).toBeLessThan(3_000);
    const attempts = accepted;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(accepted).toBe(attempts); // and no reconnect loop goes on without a statement waiting
  });

  it('fails a bulk load waiting on it the same way', async () => {
    const outcome = await Promise.race([
      connection.copyIn('decision_log', ['id'], new TextEncoder().encode('x\n')).then(() => 'answered', (error: unknown) => error),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 3_000)),
    ]);
    expect(String(outcome)).toMatch(/CONNECTION_CLOSED/);
  });
});
