'use client';

import { useState } from 'react';
import { buildInput, DEFAULT_INPUT_FORM, type InputForm } from '@/lib/editor/simulation-form';
import type { RunOutcome } from '@/lib/services/simulation-runs';
import { useEditor, useEditorStore } from '../store-provider';
import { ImpactView } from './impact-view';
import { InputFields } from './input-fields';
import { ProblemList } from './problem-list';
import { RunProgressBar } from './run-progress';
import { useSimulationInit } from './simulation-context';
import { TargetSelect, targetOf } from './target-select';
import { useRun } from './use-run';

/** Which decisions a change moves: two documents over one sample (test cases plus generated traffic or a file). */
export function ImpactPanel({ defaultBefore }: { defaultBefore?: string }) {
  const store = useEditorStore();
  const schemeId = useEditor((s) => s.schemeId);
  const { versions, maxUploadBytes } = useSimulationInit();
  const [before, setBefore] = useState(defaultBefore ?? (versions.some((v) => v.active) ? 'active' : 'draft'));
  const [after, setAfter] = useState('unsaved');
  const [withTests, setWithTests] = useState(true);
  const [form, setForm] = useState<InputForm>({ ...DEFAULT_INPUT_FORM, count: '5000' });
  const [file, setFile] = useState<File | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const { state, start, cancel } = useRun<RunOutcome>(schemeId);

  const run = async () => {
    const built = buildInput(form, file, maxUploadBytes);
    if (!built.ok) return setFormError(built.message);
    setFormError(null);
    const { history, revision } = store.getState();
    await start({
      kind: 'impact',
      before: targetOf(before, history.present, revision),
      after: targetOf(after, history.present, revision),
      include_test_cases: withTests,
      input: built.input,
      seed: built.seed,
      on_error: built.on_error,
    }, built.input.kind === 'file' ? file : null);
  };
  const outcome = state.phase === 'finished' ? state.outcome : null;
  return (
    <div data-testid="impact">
      <div className="sy-sim-grid">
        <TargetSelect id="impact-before" label="Before" value={before} onChange={setBefore} />
        <TargetSelect id="impact-after" label="After" value={after} onChange={setAfter} />
      </div>
      <label className="sy-radio">
        <input type="checkbox" checked={withTests && form.source !== 'recorded'} disabled={form.source === 'recorded'} onChange={(e) => setWithTests(e.target.checked)} /> Include the scheme&apos;s test cases
      </label>
      <InputFields form={form} onChange={setForm} file={file} onFile={setFile} maxUploadBytes={maxUploadBytes} idPrefix="impact" />
      {formError && <p className="notice notice-error" role="alert">{formError}</p>}
      {state.phase === 'running' ? (
        <RunProgressBar progress={state.progress} cancelling={state.cancelling} onCancel={() => void cancel()} />
      ) : (
        <button type="button" className="button primary small" onClick={() => void run()}>Preview impact</button>
      )}
      {state.phase === 'problem' && <ProblemList problem={state.problem} />}
      {outcome?.status === 'cancelled' && <p className="notice" role="status">Cancelled.</p>}
      {outcome?.status === 'stopped' && (
        <p className="notice notice-error" role="alert">Stopped at line {outcome.problem.line}{outcome.problem.column ? `, column ${outcome.problem.column}` : ''}: {outcome.problem.problem}</p>
      )}
      {outcome?.status === 'done' && outcome.kind === 'impact' && <ImpactView impact={outcome.impact} onExample={(tx) => store.getState().openInDryRun(tx)} />}
    </div>
  );
}
