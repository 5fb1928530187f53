'use client';

import { useCallback, useEffect, useState } from 'react';
import { casesAsJsonLines, runCasesOnDocument, type TestRunResult } from '@/lib/editor/test-run';
import type { TestCaseRecord } from '@/lib/services/test-cases';
import { SAMPLE_TRANSACTIONS } from '@/lib/scheme/sample-transactions';
import { useEditorStore } from '../store-provider';
import { useSimulationInit } from '../simulate/simulation-context';
import { TestCaseForm } from './test-case-form';

const expectedText = (c: TestCaseRecord) =>
  Object.entries(c.expected).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(' → ') : String(v)}`).join(', ');

/** The scheme's test cases: list, add, edit, enable/disable, delete; "Run all" against the editor's document; import and export as JSON lines. */
export function TestsPanel() {
  const store = useEditorStore();
  const actions = useSimulationInit().testCases;
  const [cases, setCases] = useState<TestCaseRecord[] | null>(null);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [run, setRun] = useState<TestRunResult | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const reload = useCallback(async () => setCases(await actions.list()), [actions]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const runAll = () => {
    const { history, account } = store.getState();
    setRun(runCasesOnDocument(history.present, account, cases ?? []));
  };

  const importFile = async (file: File) => {
    const result = await actions.importLines(await file.text());
    setMessage(result.ok ? `Imported ${result.imported} test case${result.imported === 1 ? '' : 's'}.` : [result.message, ...result.issues.map((i) => `${i.path.join(' ')}: ${i.message}`)].join(' '));
    if (result.ok) await reload();
  };

  const exportHref = cases && cases.length > 0 ? `data:application/x-ndjson;charset=utf-8,${encodeURIComponent(casesAsJsonLines(cases))}` : undefined;
  const results = run?.kind === 'ran' ? run.results : null;
  const passed = results ? Object.values(results).filter((r) => r.passed).length : 0;

  return (
    <div className="sy-tests" data-testid="tests">
      <div className="sy-row">
        <button type="button" className="button primary small" onClick={runAll} disabled={!cases || cases.length === 0}>Run all</button>
        <button type="button" className="button small" onClick={() => setEditing('new')}>Add test case</button>
        {exportHref && <a className="button small" href={exportHref} download="test-cases.jsonl">Export</a>}
        <label className="button small">
          Import
          <input type="file" accept=".jsonl,.ndjson,.json" hidden onChange={(e) => { const f = e.target.files?.[0]; if (f) void importFile(f); e.target.value = ''; }} />
        </label>
      </div>
      {message && <p className="notice" role="status">{message}</p>}
      {results && <p className="notice" role="status" data-testid="tests-summary">{passed} of {Object.keys(results).length} passed against the editor&apos;s document.</p>}
      {run?.kind === 'not_compiled' && <p className="notice notice-error" role="alert">The document does not compile yet: {run.errors[0]?.message}</p>}
      {editing === 'new' && (
        <TestCaseForm
          submitLabel="Add"
          initial={{ name: '', transaction: SAMPLE_TRANSACTIONS[0]!.transaction as Record<string, unknown>, expected: {}, enabled: true }}
          onCancel={() => setEditing(null)}
          onSave={async (input) => {
            const saved = await actions.save(null, input);
            if (saved.ok) { setEditing(null); await reload(); }
            return saved;
          }}
        />
      )}
      {cases === null ? <p className="muted">Loading…</p> : cases.length === 0 ? <p className="muted">No test cases yet. Add one, or save a dry run as a test case.</p> : (
        <ul className="sy-test-list">
          {cases.map((c) => {
            const result = results?.[c.id];
            return (
              <li key={c.id} data-testid="test-case" className={result ? (result.passed ? 'is-pass' : 'is-fail') : undefined}>
                <div className="sy-row">
                  {result && <span className={`badge ${result.passed ? 'badge-ok' : 'badge-down'}`}>{result.passed ? 'pass' : 'fail'}</span>}
                  {!c.enabled && <span className="badge badge-disabled">disabled</span>}
                  <strong>{c.name}</strong>
                </div>
                <div className="muted">expects {expectedText(c)}</div>
                {result && !result.passed && (
                  <div className="field-error" data-testid="test-actual">
                    got {result.mismatches.map((m) => `${m.field}: ${Array.isArray(m.actual) ? m.actual.join(' → ') : String(m.actual)}`).join(', ')}
                  </div>
                )}
                <div className="sy-row">
                  {result && !result.passed && (
                    <button type="button" className="button small" onClick={() => store.getState().openInDryRun(c.transaction)}>Open in dry run</button>
                  )}
                  <button type="button" className="button small" onClick={() => setEditing(c.id)}>Edit</button>
                  <button type="button" className="button small" onClick={async () => { await actions.setEnabled(c.id, !c.enabled); await reload(); }}>
                    {c.enabled ? 'Disable' : 'Enable'}
                  </button>
                  <button type="button" className="button small danger" onClick={async () => {
                    if (!window.confirm(`Delete test case ${c.name}?`)) return;
                    await actions.remove(c.id);
                    await reload();
                  }}>Delete</button>
                </div>
                {editing === c.id && (
                  <TestCaseForm
                    submitLabel="Save"
                    initial={c}
                    onCancel={() => setEditing(null)}
                    onSave={async (input) => {
                      const saved = await actions.save(c.id, input);
                      if (saved.ok) { setEditing(null); await reload(); }
                      return saved;
                    }}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
