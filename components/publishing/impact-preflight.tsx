'use client';

import { useState } from 'react';
import { startRun, type ClientProblem } from '@/lib/editor/simulation-client';
import type { RunOutcome } from '@/lib/services/simulation-runs';
import type { RunProgress } from '@/lib/simulation/run-request';
import { ImpactView } from '@/components/editor/simulate/impact-view';
import { ProblemList } from '@/components/editor/simulate/problem-list';
import { RunProgressBar } from '@/components/editor/simulate/run-progress';

/**
 * The publish pre-flight's impact preview: the saved draft against the active version (or the draft
 * alone when nothing is active) over the test cases and 10,000 generated payments.
 */
export function ImpactPreflight({ schemeId, hasActive }: { schemeId: string; hasActive: boolean }) {
  const [progress, setProgress] = useState<RunProgress | null>(null);
  const [running, setRunning] = useState<null | { cancel: () => Promise<void> }>(null);
  const [outcome, setOutcome] = useState<RunOutcome | null>(null);
  const [problem, setProblem] = useState<ClientProblem | null>(null);
  if (!hasActive) return <p className="muted">No version of this scheme is active, so there is nothing to compare the draft with.</p>;
  const run = async () => {
    setOutcome(null);
    setProblem(null);
    const handle = startRun<RunOutcome>(schemeId, {
      kind: 'impact', before: { kind: 'active' }, after: { kind: 'draft' }, include_test_cases: true, input: { kind: 'synthetic', count: 10_000 },
    }, null, setProgress);
    setRunning(handle);
    const done = await handle.done;
    setRunning(null);
    if (done.ok) setOutcome(done.value);
    else setProblem(done.problem);
  };
  return (
    <div data-testid="impact-preflight">
      {running ? (
        <RunProgressBar progress={progress} cancelling={false} onCancel={() => void running.cancel()} />
      ) : (
        <button type="button" className="button small" onClick={() => void run()}>Preview impact against the active version</button>
      )}
      {problem && <ProblemList problem={problem} />}
      {outcome?.status === 'done' && outcome.kind === 'impact' && <ImpactView impact={outcome.impact} />}
    </div>
  );
}
