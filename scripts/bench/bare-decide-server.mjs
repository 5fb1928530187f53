/**
 * The ceiling for `npm run bench:api`: a bare node:http server that reads and parses the same JSON
 * body as /api/v1/decide and answers one fixed decision. Nothing real can be faster on this machine.
 * Usage: node scripts/bench/bare-decide-server.mjs PORT
 */
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
const DECISION = JSON.stringify({
  outcome: 'route', processor: 'proc_adyen_eu', candidates: ['proc_adyen_eu', 'proc_stripe'], strategy: 'priority',
  node: 'eu_priority', path: [{ node: 'is_eu', result: true }], modifiers: {}, scheme: { id: 'sch_bare', version: 1 },
});

createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let status = 200;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (typeof body?.transaction !== 'object') status = 400;
    } catch {
      status = 400;
    }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(status === 200 ? DECISION : '{"error":{"type":"invalid_json","message":"bad body","issues":[]}}');
  });
}).listen(port, '127.0.0.1', () => console.log(`bare decide server on ${port}`));
