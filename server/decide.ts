import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  apiError, apiErrorOf, authenticate, checkJsonContentType, databaseForHandlers, databaseUnavailable, errorBody, isDatabaseUnavailable,
  MAX_BODY_BYTES, parseJsonText, payloadTooLarge, REQUEST_ID_HEADER, requestIdOf, type ApiError, type HeaderSource,
} from '@/lib/http';
import { decide, getDecisionCache } from '@/lib/services/decisions';

/**
 * POST /api/v1/decide served straight on Node's request and response, in the same process as Next.js
 * and with the same steps as the route handler (request id, API key and scope, content type, 1 MB,
 * depth, the decide service, the one error mapping). Building Web Request/Response objects for each
 * call costs several times the decision itself; docs/decide.md has the measurements.
 */
export const DECIDE_PATH = '/api/v1/decide';

export function isDecideRequest(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  return url === DECIDE_PATH || url.startsWith(`${DECIDE_PATH}?`);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function serveDecide(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const request: HeaderSource = { headers: { get: (name) => header(req, name) } };
  const requestId = requestIdOf(request);
  const send = (status: number, body: unknown, headers?: Record<string, string>) => {
    const payload = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), [REQUEST_ID_HEADER]: requestId, ...headers });
    res.end(payload);
  };
  const refuse = (error: ApiError) => {
    if (!req.readableEnded) req.resume(); // drain what was not read, so the connection stays usable
    send(error.status, errorBody(error), error.headers);
  };
  if (req.method !== 'POST') return refuse(apiError(405, 'method_not_allowed', `${req.method} is not allowed here; use POST.`, { headers: { Allow: 'POST' } }));
  try {
    const auth = await authenticate(await databaseForHandlers(), request, 'decide');
    if (!auth.ok) return refuse(auth.error);
    const wrongType = checkJsonContentType(header(req, 'content-type'));
    if (wrongType) return refuse(wrongType);
    const bytes = await readBody(req);
    if (!bytes) return refuse({ ...payloadTooLarge(MAX_BODY_BYTES), headers: { connection: 'close' } });
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return refuse(apiError(400, 'invalid_json', 'The body is not valid UTF-8.'));
    }
    const body = parseJsonText(text);
    if (!body.ok) return refuse(body.error);
    const result = await decide(await getDecisionCache(), body.value);
    if (!result.ok) return refuse(apiErrorOf(result.error));
    send(200, result.value);
  } catch (error) {
    if (isDatabaseUnavailable(error)) return refuse(databaseUnavailable());
    console.error(`[${requestId}] POST ${DECIDE_PATH} failed:`, error);
    refuse(apiError(500, 'internal_error', `Something went wrong on our side (request ${requestId}).`));
  }
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name.toLowerCase()];
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
}

/** The body, or null once it is over the limit (declared or streamed); reading stops there. */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > MAX_BODY_BYTES) {
        req.off('data', onData);
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total)));
    req.once('error', reject);
  });
}
