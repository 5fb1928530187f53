/// <reference lib="webworker" />
/** Runs the engine's checker off the main thread, so typing and dragging never wait for it. */
import '@/lib/browser/zod-without-eval-now'; // first: before zod loads (see lib/browser/zod-without-eval.ts)
import { documentChecker, type CheckRequest, type CheckResponse } from './check-document';

let check: ReturnType<typeof documentChecker> | null = null;

self.onmessage = (event: MessageEvent<CheckRequest>) => {
  const request = event.data;
  if (request.kind === 'account') {
    check = documentChecker(request.account);
    return;
  }
  if (!check) return;
  const response: CheckResponse = { id: request.id, problems: check(request.doc) };
  self.postMessage(response);
};
