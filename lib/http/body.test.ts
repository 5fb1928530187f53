import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, nestingDepth, readJsonBody } from './body';

const post = (body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  new Request('http://x/api/v1/t', { method: 'POST', body, headers, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);

describe('readJsonBody', () => {
  it('parses JSON with a JSON content type (charset and +json allowed)', async () => {
    expect(await readJsonBody(post('{"a":1}'))).toMatchObject({ ok: true, value: { a: 1 } });
    expect(await readJsonBody(post('[1]', { 'content-type': 'application/merge-patch+json; charset=utf-8' }))).toMatchObject({ ok: true, value: [1] });
  });

  it('refuses a non-JSON content type with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx']) {
      const result = await readJsonBody(post('{}', { 'content-type': type }));
      expect(result.ok || result.error.status).toBe(415);
    }
    const none = await readJsonBody(post('{}', {}));
    expect(none.ok || none.error.status).toBe(415);
  });

  it('refuses over 1 MB by declared length and by streamed count (413)', async () => {
    const big = `"${'x'.repeat(MAX_BODY_BYTES)}"`;
    const declared = await readJsonBody(post(big));
    expect(declared.ok || declared.error).toMatchObject({ status: 413, type: 'payload_too_large' });
    // A stream without Content-Length: counted while read.
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await readJsonBody(post(stream));
    expect(streamed.ok || streamed.error.status).toBe(413);
    expect(sent).toBeLessThan(20); // stopped reading once over the limit
    const lying = new Request('http://x', { method: 'POST', body: big, headers: { 'content-type': 'application/json', 'content-length': '10' } });
    expect(await readJsonBody(lying)).toMatchObject({ ok: false, error: { status: 413, type: 'payload_too_large' } });
  });

  it('accepts exactly 1 MB', async () => {
    const text = `"${'x'.repeat(MAX_BODY_BYTES - 2)}"`;
    expect((await readJsonBody(post(text))).ok).toBe(true);
  });

  it('refuses invalid JSON and invalid UTF-8 with 400', async () => {
    const bad = await readJsonBody(post('{"a":'));
    expect(bad.ok || bad.error).toMatchObject({ status: 400, type: 'invalid_json' });
    const utf = await readJsonBody(post(new Uint8Array([0x22, 0xff, 0x22])));
    expect(utf.ok || utf.error.status).toBe(400);
  });

  it('refuses nesting deeper than 64 before parsing, counting only brackets outside strings', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const result = await readJsonBody(post(deep));
    expect(result.ok || result.error).toMatchObject({ status: 400, issues: [{ path: [] }] });
    expect((await readJsonBody(post('['.repeat(64) + ']'.repeat(64)))).ok).toBe(true);
    expect((await readJsonBody(post('['.repeat(65) + ']'.repeat(65)))).ok).toBe(false);
    expect(nestingDepth('{"a":"[[[[\\"[[[["}', 2)).toBe(1);
  });

  it('reads an empty optional body as undefined', async () => {
    const empty = await readJsonBody(new Request('http://x', { method: 'POST' }), { optional: true });
    expect(empty).toMatchObject({ ok: true, value: undefined });
    const required = await readJsonBody(new Request('http://x', { method: 'POST', headers: { 'content-type': 'application/json' } }));
    expect(required.ok).toBe(false);
  });
});
