'use client';

import { useCallback, useEffect, useState } from 'react';
import { buildInput, DEFAULT_INPUT_FORM, type InputForm } from '@/lib/editor/simulation-form';
import { heatMapOf } from '@/lib/editor/heat-map';
import type { RunOutcome, RunRecord } from '@/lib/services/simulation-runs';
import { describeTarget, inputText } from '@/lib/simulation/run-request';
import { useEditor, useEditorStore } from '../store-provider';
import { ImpactPanel } from './impact-panel';
import { LiveTrafficControl } from './live-traffic';
import { InputFields } from './input-fields';
import { ProblemList } from './problem-list';
import { ReportView } from './report-view';
import { RunProgressBar } from './run-progress';
import { useSimulationInit } from './simulation-context';
import { StoredRuns } from './stored-runs';
import { TargetSelect, targetOf } from './target-select';
import { useRun } from './use-run';

/** The Simulate tab: a batch run over generated traffic or a file, its report and heat map; stored runs; the impact preview. */
export function SimulatePanel() {
  const [mode, setMode] = useState<'batch' | 'impact'>('batch');
  return (
    <div className="sy-simulate" data-testid="simulate">
      <LiveTrafficControl />
      <div className="sy-row" role="radiogroup" aria-label="Simulation">
        {(['batch', 'impact'] as const).map((m) => (
          <label key={m} className="sy-radio">
            <input type="radio" name="sim-mode" checked={mode === m} onChange={() => setMode(m)} />
            {m === 'batch' ? 'Batch run' : 'Impact preview'}
          </label>
        ))}
      </div>
      {mode === 'batch' ? <BatchRun /> : <ImpactPanel />}
    </div>
  );
}

function BatchRun() {
  const store = useEditorStore();
  const schemeId = useEditor((s) => s.schemeId);
  const { maxUploadBytes } = useSimulationInit();
  const [target, setTarget] = useState('unsaved');
  const [form, setForm] = useState<InputForm>(DEFAULT_INPUT_FORM);
  const [file, setFile] = useState<File | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [shown, setShown] = useState<RunRecord | null>(null);
  const [refresh, setRefresh] = useState(0);
  const { state, start, cancel } = useRun<RunOutcome>(schemeId);

  const show = useCallback((run: RunRecord) => {
    setShown(run);
    store.getState().setHeat(heatMapOf(run.report, `${describeTarget(run.target)}, ${inputText(run)}`));
  }, [store]);

  const run = async () => {
    const built = buildInput(form, file, maxUploadBytes);
    if (!built.ok) return setFormError(built.message);
    setFormError(null);
    const { history, revision } = store.getState();
    await start({ kind: 'batch', target: targetOf(target, history.present, revision), input: built.input, seed: built.seed, on_error: built.on_error }, built.input.kind === 'file' ? file : null);
  };

  const outcome = state.phase === 'finished' ? state.outcome : null;
  const finishedRun = outcome?.status === 'done' && outcome.kind === 'batch' ? outcome.run : null;
  useEffect(() => {
    if (finishedRun === null) return;
    show(finishedRun);
    setRefresh((n) => n + 1);
  }, [finishedRun, show]);

  return (
    <>
      <TargetSelect id="sim-target" label="Decide with" value={target} onChange={setTarget} />
      <InputFields form={form} onChange={setForm} file={file} onFile={setFile} maxUploadBytes={maxUploadBytes} idPrefix="sim" />
      {formError && <p className="notice notice-error" role="alert">{formError}</p>}
      {state.phase === 'running' ? (
        <RunProgressBar progress={state.progress} cancelling={state.cancelling} onCancel={() => void cancel()} />
      ) : (
        <button type="button" className="button primary small" onClick={() => void run()}>Run simulation</button>
      )}
      {state.phase === 'problem' && <ProblemList problem={state.problem} />}
      {outcome?.status === 'cancelled' && <p className="notice" role="status" data-testid="sim-cancelled">Cancelled after {outcome.rows.toLocaleString('en')} rows. Nothing was stored.</p>}
      {outcome?.status === 'stopped' && (
        <p className="notice notice-error" role="alert" data-testid="sim-stopped">
          Stopped at line {outcome.problem.line}{outcome.problem.column ? `, column ${outcome.problem.column}` : ''}: {outcome.problem.problem}. Nothing was stored.
        </p>
      )}
      {shown && (
        <section aria-label="Run report">
          <div className="sy-row">
            <h3 className="sy-sim-title">{describeTarget(shown.target)} · {inputText(shown)}</h3>
            <span className="sy-grow" />
            <HeatMapToggle run={shown} />
          </div>
          {shown.input_problems.count > 0 && <BadRows run={shown} />}
          <ReportView report={shown.report} />
        </section>
      )}
      <h3 className="sy-sim-title">Stored runs</h3>
      <StoredRuns schemeId={schemeId} refresh={refresh} onOpen={show} />
    </>
  );
}

/**
 * Shows or hides the run's heat map. Its own component, so toggling re-renders the button and not the
 * report beside it (whose leaf chart draws a tick per leaf: 500 on a large scheme).
 */
function HeatMapToggle({ run }: { run: RunRecord }) {
  const store = useEditorStore();
  const heatOn = useEditor((s) => s.heat !== null);
  return (
    <button type="button" className="button small" onClick={() => store.getState().setHeat(heatOn ? null : heatMapOf(run.report, inputText(run)))}>
      {heatOn ? 'Hide heat map' : 'Show heat map'}
    </button>
  );
}

function BadRows({ run }: { run: RunRecord }) {
  const { count, first } = run.input_problems;
  return (
    <details className="notice notice-error" data-testid="sim-bad-rows">
      <summary>{count.toLocaleString('en')} bad row{count === 1 ? '' : 's'} skipped{count > first.length ? ` (first ${first.length} shown)` : ''}</summary>
      <ul>
        {first.map((p, i) => (
          <li key={i}>line {p.line}{p.column ? `, column ${p.column}` : ''}: {p.problem}</li>
        ))}
      </ul>
    </details>
  );
}
