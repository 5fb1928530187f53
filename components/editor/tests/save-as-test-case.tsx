'use client';

import { useState } from 'react';
import type { Decision } from '@/lib/engine/types';
import { expectationOf } from '@/lib/editor/test-run';
import { useSimulationInit } from '../simulate/simulation-context';

/** "Save as test case" on a dry-run result: the transaction, and the decision it gave as what it must give. */
export function SaveAsTestCase({ transaction, decision }: { transaction: Record<string, unknown>; decision: Decision }) {
  const actions = useSimulationInit().testCases;
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [withNode, setWithNode] = useState(false);
  const [withCandidates, setWithCandidates] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (!open) {
    return (
      <div className="sy-row">
        <button type="button" className="button small" onClick={() => setOpen(true)}>Save as test case</button>
        {message && <span role="status" className={message.ok ? 'muted' : 'field-error'}>{message.text}</span>}
      </div>
    );
  }
  const expected = expectationOf(decision, { node: withNode, candidates: withCandidates });
  const save = async () => {
    const saved = await actions.save(null, { name, transaction, expected });
    if (saved.ok) {
      setOpen(false);
      setName('');
      setMessage({ ok: true, text: `Saved “${saved.record.name}”.` });
    } else {
      setMessage({ ok: false, text: [saved.message, ...saved.issues.map((i) => i.message)].join(' ') });
    }
  };
  return (
    <div className="sy-test-form" data-testid="save-as-test-case">
      <div className="field">
        <label htmlFor="save-case-name">Test case name</label>
        <input id="save-case-name" value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <p className="muted">Expects outcome {decision.outcome}{decision.processor ? `, processor ${decision.processor}` : ''}.</p>
      <label className="sy-radio"><input type="checkbox" checked={withNode} onChange={(e) => setWithNode(e.target.checked)} /> and node {decision.node ?? '(none)'}</label>
      <label className="sy-radio"><input type="checkbox" checked={withCandidates} onChange={(e) => setWithCandidates(e.target.checked)} /> and candidates {decision.candidates.join(' → ') || '(none)'}</label>
      {message && !message.ok && <p className="notice notice-error" role="alert">{message.text}</p>}
      <div className="sy-row">
        <button type="button" className="button primary small" onClick={() => void save()}>Save test case</button>
        <button type="button" className="button small" onClick={() => setOpen(false)}>Cancel</button>
      </div>
    </div>
  );
}
