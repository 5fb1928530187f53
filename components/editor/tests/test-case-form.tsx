'use client';

import { useState } from 'react';
import type { ExpectedDecision } from '@/lib/scheme/test-case';
import { parseTransactionText } from '@/lib/editor/dry-run';
import type { TestCaseInput, TestCaseSave } from './test-case-actions';

export interface TestCaseDraft {
  name: string;
  transaction: Record<string, unknown>;
  expected: ExpectedDecision;
  enabled: boolean;
}

/** Add or edit a test case: a name, the transaction JSON, and the decision it must give (blank fields are not checked). */
export function TestCaseForm({ initial, onSave, onCancel, submitLabel }: {
  initial: TestCaseDraft;
  onSave: (input: TestCaseInput) => Promise<TestCaseSave>;
  onCancel: () => void;
  submitLabel: string;
}) {
  const [name, setName] = useState(initial.name);
  const [json, setJson] = useState(JSON.stringify(initial.transaction, null, 2));
  const [outcome, setOutcome] = useState(initial.expected.outcome ?? '');
  const [processor, setProcessor] = useState(initial.expected.processor ?? '');
  const [node, setNode] = useState(initial.expected.node ?? '');
  const [candidates, setCandidates] = useState((initial.expected.candidates ?? []).join(', '));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const parsed = parseTransactionText(json);
    if (!parsed.ok) return setProblem(parsed.message);
    const expected: ExpectedDecision = {
      ...(outcome ? { outcome: outcome as ExpectedDecision['outcome'] } : {}),
      ...(processor.trim() ? { processor: processor.trim() } : outcome && outcome !== 'route' ? { processor: null } : {}),
      ...(node.trim() ? { node: node.trim() } : {}),
      ...(candidates.trim() ? { candidates: candidates.split(',').map((c) => c.trim()).filter(Boolean) } : {}),
    };
    setBusy(true);
    const saved = await onSave({ name, transaction: parsed.transaction, expected, enabled: initial.enabled });
    setBusy(false);
    if (!saved.ok) setProblem([saved.message, ...saved.issues.map((i) => `${i.path.join('.')}: ${i.message}`)].join(' '));
  };

  return (
    <div className="sy-test-form" data-testid="test-case-form">
      <div className="field">
        <label htmlFor="tc-name">Name</label>
        <input id="tc-name" value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="tc-json">Transaction JSON</label>
        <textarea id="tc-json" className="code-input" rows={6} spellCheck={false} value={json} onChange={(e) => setJson(e.target.value)} />
      </div>
      <div className="sy-sim-grid">
        <div className="field">
          <label htmlFor="tc-outcome">Outcome</label>
          <select id="tc-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            <option value="">(not checked)</option>
            <option value="route">route</option>
            <option value="blocked">blocked</option>
            <option value="no_route">no route</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="tc-processor">Processor</label>
          <input id="tc-processor" value={processor} onChange={(e) => setProcessor(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="tc-node">Node (optional)</label>
          <input id="tc-node" value={node} onChange={(e) => setNode(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="tc-candidates">Candidates (optional)</label>
          <input id="tc-candidates" value={candidates} placeholder="proc_a, proc_b" onChange={(e) => setCandidates(e.target.value)} />
        </div>
      </div>
      {problem && <p className="notice notice-error" role="alert">{problem}</p>}
      <div className="sy-row">
        <button type="button" className="button primary small" disabled={busy} onClick={() => void submit()}>{submitLabel}</button>
        <button type="button" className="button small" onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}
