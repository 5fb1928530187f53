/**
 * The open-loop load of `npm run bench:api`: POSTs at a fixed offered rate, each request sent at its
 * own scheduled instant whatever the answers before it are doing, over a pool of keep-alive
 * connections. Runs in a process of its own so the bench's bookkeeping never delays a send.
 *
 * Why not autocannon's `overallRate`: it gives each connection a quota per second and sends the quota
 * back to back when the second starts, so 1,500 req/s over 128 connections arrives as a burst of 128
 * concurrent requests each second — a closed loop in bursts, whose latency is queueing inside the burst.
 *
 * Usage: node scripts/bench/open-loop.mjs CONFIG.json — CONFIG: { url, headers, bodiesFile (JSON
 * lines), rate, seconds, connections }. Prints one JSON line: latencies in ms from the moment each
 * request was issued to its last byte, and how late each send was against its schedule.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const bodies = readFileSync(config.bodiesFile, 'utf8').split('\n').filter(Boolean);
const url = new URL(config.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: config.connections });
const total = Math.round(config.rate * config.seconds);
const interval = 1000 / config.rate;

const latencies = new Float64Array(total);
const lateness = new Float64Array(total);
let completed = 0;
let errors = 0;
let next = 0;
const started = performance.now() + 20;

function send(index, scheduled) {
  const issued = performance.now();
  lateness[index] = issued - scheduled;
  const body = bodies[index % bodies.length];
  const request = http.request(
    { agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...config.headers, 'content-length': Buffer.byteLength(body) } },
    (response) => {
      response.on('data', () => {});
      response.on('end', () => {
        if (response.statusCode >= 200 && response.statusCode < 300) latencies[completed++] = performance.now() - issued;
        else errors++;
        finishIfDone();
      });
    },
  );
  request.on('error', () => {
    errors++;
    finishIfDone();
  });
  request.end(body);
}

/** Sends every request whose time has come, then sleeps until the next one is due. */
function tick() {
  const now = performance.now();
  while (next < total && started + next * interval <= now) {
    send(next, started + next * interval);
    next++;
  }
  if (next < total) setTimeout(tick, Math.max(0, started + next * interval - performance.now()));
}

function finishIfDone() {
  if (completed + errors < total) return;
  const done = latencies.subarray(0, completed).sort();
  const late = lateness.sort();
  const at = (list, q) => (list.length ? list[Math.min(list.length - 1, Math.floor(q * list.length))] : NaN);
  const elapsed = (performance.now() - started) / 1000;
  console.log(JSON.stringify({
    offered: config.rate, sent: total, completed, errors, seconds: elapsed,
    p50: at(done, 0.5), p99: at(done, 0.99), max: at(done, 1), lateP99: at(late, 0.99), lateMax: at(late, 1),
  }));
  agent.destroy();
}

// Give up on answers that never come: whatever is still missing counts as errors.
setTimeout(() => {
  errors = total - completed;
  finishIfDone();
  process.exit(0);
}, (config.seconds + 30) * 1000).unref();

setTimeout(tick, started - performance.now());
