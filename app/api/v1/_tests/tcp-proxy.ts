import { createServer, connect, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the test Postgres that can fail the way networks and databases do:
 * `stall` stops every byte both ways (a partition: statements sit in buffers and arrive on `resume`),
 * `cut` drops every connection and closes each new one cleanly before it is answered (the database
 * stopped behind a proxy or pooler, the case a driver is likeliest to wait on for ever), `restore`
 * undoes either.
 */
export interface FaultyProxy {
  port: number;
  stall(): void;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function faultyProxy(host: string, port: number): Promise<FaultyProxy> {
  const pairs = new Set<[Socket, Socket]>();
  const held: (() => void)[] = [];
  let mode: 'open' | 'stalled' | 'cut' = 'open';
  // Bytes are forwarded by hand: while stalled they are held, in order, and sent on restore.
  const forward = (from: Socket, to: Socket) =>
    from.on('data', (chunk) => (mode === 'stalled' ? held.push(() => to.write(chunk)) : to.write(chunk)));
  const server = createServer((client) => {
    if (mode === 'cut') return void client.on('error', () => {}).resume().end(); // read, so the close is a FIN, not a reset
    const upstream = connect(port, host);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    forward(client, upstream);
    forward(upstream, client);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const proxy: FaultyProxy = {
    port: typeof address === 'object' && address ? address.port : 0,
    stall() {
      mode = 'stalled';
    },
    cut() {
      mode = 'cut';
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
      held.length = 0;
    },
    restore() {
      mode = 'open';
      for (const send of held.splice(0)) send();
    },
    async close() {
      proxy.cut();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return proxy;
}
