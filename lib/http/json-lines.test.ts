import { describe, expect, it } from 'vitest';
import { bodyTextChunks } from './body';
import { jsonLinesResponse } from './json-lines';

describe('jsonLinesResponse', () => {
  it('streams lines and ends with an error line once the input passes its cap', async () => {
    const request = new Request('http://x', { method: 'POST', body: 'a\n'.repeat(100) });
    async function* echo() {
      for await (const chunk of bodyTextChunks(request, 50)) yield chunk;
    }
    const lines = (await jsonLinesResponse(echo(), 'req_1').text()).trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toEqual({ error: { type: 'payload_too_large', message: 'The body is larger than 50 bytes.', issues: [] } });
  });

  it('passes lines through untouched', async () => {
    async function* two() {
      yield '{"a":1}\n';
      yield '{"b":2}\n';
    }
    const response = jsonLinesResponse(two(), 'req_2');
    expect(response.headers.get('content-type')).toMatch(/x-ndjson/);
    expect(await response.text()).toBe('{"a":1}\n{"b":2}\n');
  });
});
