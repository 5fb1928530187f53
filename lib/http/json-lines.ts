import 'server-only';
import { BodyTooLargeError } from './body';
import { errorBody, apiError } from './errors';

/**
 * Streams lines out as they are produced. The status is already 200 once the first line leaves, so a
 * failure later on (an input past the size cap, a database gone) ends the stream with an error line.
 */
export function jsonLinesResponse(lines: AsyncGenerator<string>, requestId: string): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await lines.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        const failure = error instanceof BodyTooLargeError
          ? apiError(413, 'payload_too_large', error.message)
          : apiError(500, 'internal_error', `The stream stopped (request ${requestId}).`);
        if (!(error instanceof BodyTooLargeError)) console.error(`[${requestId}] JSON lines stream failed:`, error);
        controller.enqueue(encoder.encode(`${JSON.stringify(errorBody(failure))}\n`));
        controller.close();
      }
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  return new Response(stream, { status: 200, headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' } });
}
