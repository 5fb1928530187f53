'use client';

import { useEffect, useRef } from 'react';
import type { AccountContext } from '@/lib/account/context';
import type { Problem } from '@/lib/engine/types';
import type { SchemeDocument } from '@/lib/scheme/schema';
import { useEditor, useEditorStore } from '../store-provider';
import { documentChecker, type CheckRequest, type CheckResponse } from './check-document';

/** Quiet time after the last change before the document is checked. */
export const CHECK_DELAY_MS = 200;

/**
 * Checks the document after every change, a moment after the last one, in a Web Worker: the checker
 * (graph, rules against the catalog, strategies against the registry, path reasoning) never runs on the
 * thread that handles typing and dragging. Findings of an older document that arrive late are dropped.
 */
export function useLiveValidation(): void {
  const store = useEditorStore();
  const doc = useEditor((s) => s.history.present);
  const account = useEditor((s) => s.account);
  const checker = useRef<Checker | null>(null);

  useEffect(() => {
    const created = createChecker(account, (problems) => store.getState().setProblems(problems));
    checker.current = created;
    return () => created.dispose();
  }, [account, store]);

  useEffect(() => {
    const timer = setTimeout(() => checker.current?.check(doc), CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [doc]);
}

interface Checker {
  check(doc: SchemeDocument): void;
  dispose(): void;
}

function createChecker(account: AccountContext, report: (problems: Problem[]) => void): Checker {
  let latest = 0;
  let worker: Worker | null = new Worker(new URL('./checker.worker.ts', import.meta.url), { type: 'module', name: 'scheme-checker' });
  let pending: SchemeDocument | null = null;
  let onMainThread: ((doc: SchemeDocument) => Problem[]) | null = null;
  worker.onmessage = (event: MessageEvent<CheckResponse>) => {
    if (event.data.id === latest) report(event.data.problems);
  };
  // A worker that cannot start (a blocked script, a browser without module workers) must not leave the
  // editor without checks: from then on they run when the main thread is idle.
  worker.onerror = () => {
    worker?.terminate();
    worker = null;
    if (pending) idleCheck(pending);
  };
  const idleCheck = (doc: SchemeDocument) => {
    const id = latest;
    const run = () => {
      onMainThread ??= documentChecker(account);
      if (id === latest) report(onMainThread(doc));
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 });
    else setTimeout(run, 0);
  };
  worker.postMessage({ kind: 'account', account } satisfies CheckRequest);
  return {
    check(doc) {
      latest++;
      pending = doc;
      if (worker) worker.postMessage({ kind: 'check', id: latest, doc } satisfies CheckRequest);
      else idleCheck(doc);
    },
    dispose() {
      latest++;
      worker?.terminate();
      worker = null;
    },
  };
}
