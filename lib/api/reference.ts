import 'server-only';
import { openApiDocument } from './openapi';

/**
 * The API reference page's view of the OpenAPI document: endpoints grouped by tag, each with what a
 * reader needs, and the named schemas. Read from the document itself, so the page shows what it says.
 */
export interface ReferenceParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: Record<string, unknown>;
}

export interface ReferenceEndpoint {
  id: string;
  method: string;
  path: string;
  tag: string;
  summary: string;
  description: string;
  scope: string | null;
  parameters: ReferenceParameter[];
  request?: { contentType: string; schema: Record<string, unknown>; required: boolean; example?: unknown };
  response: { status: string; contentType?: string; schema?: Record<string, unknown> };
  errors: { status: string; description: string }[];
}

export interface ApiReference {
  title: string;
  description: string;
  endpoints: ReferenceEndpoint[];
  schemas: Record<string, Record<string, unknown>>;
  errorDescriptions: { status: string; description: string }[];
}

// Our own OpenAPI document, walked by the shape openapi.ts gives it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

export function apiReference(): ApiReference {
  const doc = openApiDocument() as Json;
  const components = doc.components as Json;
  const resolve = (node: Json): Json => (node.$ref ? node.$ref.replace(/^#\//, '').split('/').reduce((n: Json, k: string) => n[k], doc) : node);
  const endpoints: ReferenceEndpoint[] = [];
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      const responses = Object.entries(op.responses as Json);
      const [status, success] = responses.find(([s]) => s.startsWith('2'))!;
      const successContent = Object.entries((success.content ?? {}) as Json)[0];
      const requestContent = op.requestBody ? Object.entries(op.requestBody.content as Json)[0] : undefined;
      endpoints.push({
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        tag: op.tags[0],
        summary: op.summary,
        description: op.description ?? '',
        scope: op['x-scope'] ?? null,
        parameters: (op.parameters ?? []).map((p: Json) => resolve(p) as ReferenceParameter),
        ...(requestContent
          ? { request: { contentType: requestContent[0], schema: requestContent[1].schema, required: op.requestBody.required, ...(requestContent[1].example ? { example: requestContent[1].example } : {}) } }
          : {}),
        response: { status, ...(successContent ? { contentType: successContent[0], schema: successContent[1].schema } : {}) },
        errors: responses.filter(([s]) => !s.startsWith('2')).map(([s, r]) => ({ status: s, description: resolve(r as Json).description })),
      });
    }
  }
  return {
    title: doc.info.title,
    description: doc.info.description,
    endpoints,
    schemas: components.schemas,
    errorDescriptions: Object.entries(components.responses as Json).map(([name, r]) => ({ status: name.replace('Error', ''), description: (r as Json).description })),
  };
}
