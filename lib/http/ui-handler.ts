import 'server-only';
import type { ServiceContext } from '@/lib/services/context';
import { databaseForHandlers, databaseUnavailable, isDatabaseUnavailable } from './database';
import { clientAddress } from './client-address';
import { apiError, errorResponse } from './errors';
import { signInRefusal } from './outside-proxy';
import { targetRefusal } from './target-refusal';
import { requestIdOf } from './request-id';

type Params = Record<string, string>;
type Handler = (request: Request, ctx: ServiceContext, params: Params) => Promise<Response>;

interface UiHandlerOptions {
  /** The route is left out of proxy.ts's matcher (its body streams): it makes the proxy's checks itself. */
  outsideProxy?: boolean;
}

/**
 * A route handler the app's own pages call (not /api/v1: no API key). It gets the service context of
 * the person using the app; until sign-in exists that is the operator, `ops`. Failures map as in /api/v1.
 */
export function uiHandler(handle: Handler, options: UiHandlerOptions = {}) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      if (options.outsideProxy) {
        const refused = targetRefusal(request) ?? (await signInRefusal(request));
        if (refused) return errorResponse(refused);
      }
      const ctx: ServiceContext = { db: await databaseForHandlers(), actor: { kind: 'system', name: 'ops' }, via: 'ui', address: clientAddress(request.headers) };
      return await handle(request, ctx, await context.params);
    } catch (error) {
      if (isDatabaseUnavailable(error)) return errorResponse(databaseUnavailable());
      const requestId = requestIdOf(request);
      console.error(`[${requestId}] ${request.method} ${new URL(request.url).pathname} failed:`, error);
      return errorResponse(apiError(500, 'internal_error', `Something went wrong on our side (request ${requestId}).`));
    }
  };
}

/** Streams text chunks out with backpressure; a failure after the first chunk ends the stream with `onError`'s text. */
export function textStreamResponse(chunks: AsyncGenerator<string>, headers: Record<string, string>, onError: (error: unknown) => string): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        controller.enqueue(encoder.encode(onError(error)));
        controller.close();
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(stream, { status: 200, headers: { 'Cache-Control': 'no-store', ...headers } });
}
