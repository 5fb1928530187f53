import 'server-only';
import { z } from 'zod';
import { MAX_BODY_BYTES, MAX_BODY_DEPTH } from '@/lib/http/body';
import { API_ENDPOINTS, REQUEST_SCHEMAS, RESPONSE_SCHEMAS, type ApiEndpoint } from './endpoints';
import { ErrorSchema } from './responses';

type Json = Record<string, unknown>;

export const API_BASE = '/api/v1';

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid body, query or path: every problem is in `issues` with its path. Also invalid JSON, or JSON nested too deeply.',
  401: 'No API key, or a key that is malformed, unknown or revoked.',
  403: 'The API key lacks the scope this endpoint needs.',
  404: 'No such resource (or no such endpoint).',
  405: 'Method not allowed on this path; the `Allow` header lists the methods that are.',
  409: 'Conflict: a name or id already in use, a stale draft revision, or a delete of something still referenced (`references` lists what).',
  413: 'The body is larger than 1 MB (JSON lines: 100 MB).',
  415: 'The body is not sent as application/json (JSON lines: application/x-ndjson).',
  422: 'The Idempotency-Key was already used with a different request.',
  503: 'The database cannot be reached; nothing was changed. Retry later.',
};

/** Zod schemas → JSON Schema components, requests read as input (defaults optional) and answers as output. */
function components(): Record<string, Json> {
  const convert = (entries: { name: string; schema: z.ZodType }[], io: 'input' | 'output') => {
    const registry = z.registry<{ id: string }>();
    for (const { name, schema } of entries) registry.add(schema, { id: name });
    const { schemas } = z.toJSONSchema(registry, { io, uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' }) as { schemas: Record<string, Json> };
    return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]));
  };
  return {
    ...convert(Object.values(REQUEST_SCHEMAS), 'input'),
    ...convert([...Object.values(RESPONSE_SCHEMAS), { name: 'Error', schema: ErrorSchema }], 'output'),
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const requestIdHeader = { 'X-Request-Id': { $ref: '#/components/headers/RequestId' } };

function operation(endpoint: ApiEndpoint): Json {
  const params: Json[] = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: name === 'version' ? { type: 'integer', minimum: 1 } : { type: 'string' },
  }));
  if (endpoint.query) {
    const query = z.toJSONSchema(endpoint.query, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      const { description, ...rest } = schema;
      params.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema: rest, ...(description ? { description } : {}) });
    }
  }
  if (endpoint.idempotent) params.push({ $ref: '#/components/parameters/IdempotencyKey' });
  const success: Json = { description: 'OK', headers: requestIdHeader };
  if (endpoint.jsonLines) success.content = { 'application/x-ndjson': { schema: ref(endpoint.response!.name) } };
  else if (endpoint.response) {
    const schema = endpoint.response.list ? { type: 'array', items: ref(endpoint.response.name) } : ref(endpoint.response.name);
    success.content = { 'application/json': { schema } };
  }
  const op: Json = {
    operationId: operationId(endpoint),
    tags: [endpoint.tag],
    summary: endpoint.summary,
    description: [endpoint.description, endpoint.scope ? `Needs an API key with the \`${endpoint.scope}\` scope.` : null].filter(Boolean).join('\n\n'),
    ...(params.length ? { parameters: params } : {}),
    responses: {
      [String(endpoint.status)]: success,
      ...Object.fromEntries(endpoint.errors.map((status) => [String(status), { $ref: `#/components/responses/Error${status}` }])),
    },
    ...(endpoint.scope ? { security: [{ apiKey: [] }], 'x-scope': endpoint.scope } : { security: [] }),
  };
  if (endpoint.body) {
    op.requestBody = {
      required: !endpoint.body.optional,
      content: { 'application/json': { schema: ref(endpoint.body.name), ...(endpoint.example ? { example: endpoint.example } : {}) } },
    };
  } else if (endpoint.jsonLines) {
    const schema = endpoint.lines ? { ...ref(endpoint.lines.name), description: `One ${endpoint.lines.name} (a JSON object) per line.` } : { type: 'string', description: 'One transaction (a JSON object) per line.' };
    op.requestBody = { required: true, content: { 'application/x-ndjson': { schema } } };
  }
  return op;
}

export function operationId(endpoint: ApiEndpoint): string {
  const words = endpoint.path.split('/').filter((p) => p && !p.startsWith('{')).map((p) => p.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()));
  const verb = { GET: endpoint.path.endsWith('}') ? 'get' : 'list', POST: 'post', PUT: 'put', PATCH: 'patch', DELETE: 'delete' }[endpoint.method];
  return verb + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

let cached: Json | undefined;

/** The OpenAPI 3.1 document of /api/v1, generated from the zod schemas (built once per process). */
export function openApiDocument(): Json {
  if (cached) return cached;
  const paths: Record<string, Json> = {};
  for (const endpoint of API_ENDPOINTS) {
    const path = API_BASE + endpoint.path;
    paths[path] = { ...paths[path], [endpoint.method.toLowerCase()]: operation(endpoint) };
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Switchyard API',
      version: '1',
      description: [
        'Payment routing decisions and the registry behind them. Authenticate with `Authorization: Bearer sk_...` (API keys are created in the app under Settings → API keys, with the scopes `read`, `write` and `decide`).',
        `Bodies are JSON (\`Content-Type: application/json\`) of at most ${MAX_BODY_BYTES / 1024 / 1024} MB, nested at most ${MAX_BODY_DEPTH} levels. Every answer carries \`X-Request-Id\`; every error has the shape \`{"error": {"type", "message", "issues": [{"path", "message"}]}}\`.`,
        'POSTs that create accept an `Idempotency-Key`: the same key with the same body replays the first answer (marked `Idempotent-Replayed: true`) for 24 hours; the same key with a different body is a 422.',
      ].join('\n\n'),
    },
    servers: [{ url: '/' }],
    tags: [...new Set(API_ENDPOINTS.map((e) => e.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components(),
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'sk_…', description: 'An API key created under Settings → API keys.' } },
      headers: { RequestId: { description: 'Identifies this request in logs; a sane X-Request-Id sent by the caller is echoed.', schema: { type: 'string' } } },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Up to 255 printable ASCII characters. The same key and body replay the first answer; a different body is a 422.',
          schema: { type: 'string', maxLength: 255 },
        },
      },
      responses: Object.fromEntries(
        Object.entries(ERROR_TEXT).map(([status, description]) => [
          `Error${status}`,
          { description, headers: requestIdHeader, content: { 'application/json': { schema: ref('Error') } } },
        ]),
      ),
    },
  };
  return cached;
}
