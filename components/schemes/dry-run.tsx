'use client';

import { useActionState, useState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import { ProblemList } from './problem-list';
import type { DryRunState } from '@/app/schemes/actions';
import type { Decision } from '@/lib/engine/types';
import type { Transaction } from '@/lib/engine/types';

/** Paste or pick a transaction, decide it with the draft, and read the path, candidates and per-rule trace. */
export function DryRun({ action, samples }: {
  action: (state: DryRunState, form: FormData) => Promise<DryRunState>;
  samples: readonly { name: string; transaction: Transaction }[];
}) {
  const [state, formAction] = useActionState(action, { status: 'idle' } as DryRunState);
  const [text, setText] = useState(() => (state.status === 'idle' ? JSON.stringify(samples[0]?.transaction ?? {}, null, 2) : state.text));
  return (
    <form action={formAction} className="form">
      <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <label htmlFor="sample">Preset</label>
        <select id="sample" onChange={(e) => setText(JSON.stringify(samples[Number(e.target.value)]?.transaction ?? {}, null, 2))}>
          {samples.map((s, i) => (
            <option key={s.name} value={i}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <textarea name="transaction" aria-label="Transaction JSON" rows={10} className="code-input" value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
      <div>
        <SubmitButton>Decide</SubmitButton>
      </div>
      {state.status === 'error' && (
        <p className="notice notice-error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'done' && state.result.kind === 'not_compiled' && (
        <div className="notice notice-error" role="alert">
          The draft does not compile, so nothing can be decided yet:
          <ProblemList problems={state.result.errors} kind="error" />
        </div>
      )}
      {state.status === 'done' && state.result.kind === 'decision' && <DecisionView decision={state.result.decision} />}
    </form>
  );
}

function DecisionView({ decision }: { decision: Decision }) {
  const conditions = new Map(decision.trace?.conditions.map((c) => [c.node, c]));
  return (
    <div className="decision" data-testid="decision">
      <p>
        <span className={`badge ${decision.outcome === 'route' ? 'badge-active' : 'badge-down'}`}>{decision.outcome}</span>{' '}
        {decision.processor ? (
          <>
            routed to <strong data-testid="decision-processor">{decision.processor}</strong> by <code>{decision.node}</code> ({decision.strategy})
          </>
        ) : (
          <>{decision.reason ?? 'no processor'}</>
        )}
      </p>
      {decision.candidates.length > 0 && <p>Cascade order: {decision.candidates.join(' → ')}</p>}
      {Object.keys(decision.modifiers).length > 0 && <p>Modifiers: <code>{JSON.stringify(decision.modifiers)}</code></p>}
      <ol className="trace">
        {decision.path.map((step) => (
          <li key={step.node}>
            <code>{step.node}</code> → <strong>{step.result ? 'yes' : 'no'}</strong>
            <ul>
              {conditions.get(step.node)?.rules.map((rule, i) => (
                <li key={i} className="muted">
                  {rule.filter ? `filter ${rule.filter}` : `${rule.attribute} ${rule.operator} ${JSON.stringify(rule.expected)}`}: read{' '}
                  {rule.missing ? <em>missing ({rule.missing})</em> : <code>{JSON.stringify(rule.actual)}</code>} → {rule.result ? 'true' : 'false'}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {decision.trace && decision.trace.skipped.length > 0 && (
        <p className="muted">Skipped: {decision.trace.skipped.map((s) => `${s.processor} (${s.reason})`).join(', ')}</p>
      )}
    </div>
  );
}
