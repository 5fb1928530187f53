'use client';

import { useCallback, useRef, useState } from 'react';
import { startRun, type ClientProblem, type RunHandle } from '@/lib/editor/simulation-client';
import type { RunProgress, RunRequest } from '@/lib/simulation/run-request';

export type RunState<T> =
  | { phase: 'idle' }
  | { phase: 'running'; progress: RunProgress | null; cancelling: boolean }
  | { phase: 'finished'; outcome: T }
  | { phase: 'problem'; problem: ClientProblem };

/** One run at a time: start, follow its progress, cancel it, keep its outcome. */
export function useRun<T>(schemeId: string) {
  const [state, setState] = useState<RunState<T>>({ phase: 'idle' });
  const handle = useRef<RunHandle<T> | null>(null);

  const start = useCallback(
    async (request: RunRequest, file: Blob | null) => {
      setState({ phase: 'running', progress: null, cancelling: false });
      const run = startRun<T>(schemeId, request, file, (progress) =>
        setState((s) => (s.phase === 'running' ? { ...s, progress } : s)),
      );
      handle.current = run;
      const outcome = await run.done;
      if (handle.current !== run) return;
      handle.current = null;
      setState(outcome.ok ? { phase: 'finished', outcome: outcome.value } : { phase: 'problem', problem: outcome.problem });
    },
    [schemeId],
  );

  const cancel = useCallback(async () => {
    setState((s) => (s.phase === 'running' ? { ...s, cancelling: true } : s));
    await handle.current?.cancel();
  }, []);

  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, start, cancel, reset };
}
