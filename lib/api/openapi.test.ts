import { describe, expect, it } from 'vitest';
import { API_ENDPOINTS } from './endpoints';
import { openApiDocument } from './openapi';

describe('OpenAPI document', () => {
  const doc = openApiDocument() as any;

  it('is OpenAPI 3.1 with every endpoint, its scope, and every error status referenced', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const endpoint of API_ENDPOINTS) {
      const op = doc.paths[`/api/v1${endpoint.path}`][endpoint.method.toLowerCase()];
      expect(op, `${endpoint.method} ${endpoint.path}`).toBeTruthy();
      expect(op['x-scope']).toBe(endpoint.scope);
      for (const status of endpoint.errors) expect(doc.components.responses[`Error${status}`]).toBeTruthy();
    }
  });

  it('gives every operation its own id (the reference page anchors on it)', () => {
    const ids = Object.values(doc.paths).flatMap((item: any) => Object.values(item).map((op: any) => op.operationId));
    expect(ids.length).toBe(API_ENDPOINTS.length);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('resolves every $ref', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(50);
    for (const raw of new Set(refs)) {
      const target = raw.slice(8, -1).replace(/^#\//, '').split('/').reduce((node: any, key) => node?.[key], doc);
      expect(target, raw).toBeTruthy();
    }
  });

  it('describes bodies from the zod schemas: required fields, enums, the scheme document', () => {
    const create = doc.components.schemas.ProcessorCreate;
    expect(create.required).toEqual(expect.arrayContaining(['id', 'name', 'provider', 'status']));
    expect(create.properties.status.enum).toEqual(['active', 'down', 'disabled']);
    expect(create.required).not.toContain('approval_rate'); // has a default: optional on input
    expect(doc.components.schemas.Processor.required).toContain('approval_rate'); // always in answers
    expect(doc.components.schemas.DraftSave.properties.document.properties.format.const).toBe('switchyard.scheme/v1');
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['type', 'message', 'issues']);
    expect(doc.paths['/api/v1/processors'].post.parameters).toEqual([{ $ref: '#/components/parameters/IdempotencyKey' }]);
  });
});
