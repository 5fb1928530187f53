'use client';

import { describeRead, describeRule } from '@/lib/catalog/describe';
import type { Decision, RuleTrace } from '@/lib/engine/types';
import type { Rule } from '@/lib/scheme/schema';
import type { TransactionWarning } from '@/lib/transactions';
import { useEditor, useEditorStore } from '../store-provider';

const SKIP_REASONS: Record<string, string> = {
  unknown: 'not registered',
  not_active: 'not active',
  currency: 'currency not supported',
  payment_method: 'payment method not supported',
  country: 'country not supported',
};

/** A traced decision: warnings about the input, the path with what each condition read, and the leaf. */
export function DecisionView({ decision, warnings }: { decision: Decision; warnings: readonly TransactionWarning[] }) {
  const store = useEditorStore();
  const doc = useEditor((s) => s.history.present);
  const catalog = useEditor((s) => s.catalog);
  const filters = useEditor((s) => s.account.filters);
  const processors = useEditor((s) => s.account.processors);
  const name = (id: string) => processors.find((p) => p.id === id)?.name ?? id;
  const traces = new Map(decision.trace?.conditions.map((c) => [c.node, c]));
  const show = (node: string) => store.getState().requestFocus({ node });

  const ruleText = (trace: RuleTrace) =>
    trace.filter ? describeRule({ filter: trace.filter } as Rule, { catalog, filters }) : describeRule({ attribute: trace.attribute!, operator: trace.operator!, value: trace.expected } as Rule, { catalog, filters });

  return (
    <div className="sy-decision" data-testid="decision">
      {warnings.length > 0 && (
        <div className="notice sy-warnings" data-testid="transaction-warnings">
          <strong>About this transaction</strong>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>
                {/* The message already names the suggestion ("Did you mean …?"). */}
                <code>{w.path.length ? w.path.join('.') : '(whole)'}</code> {w.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="sy-outcome-line">
        <span className={`badge ${decision.outcome === 'route' ? 'badge-active' : 'badge-down'}`}>{decision.outcome.replace('_', ' ')}</span>{' '}
        {decision.outcome === 'route' && decision.processor ? (
          <>
            to <strong data-testid="decision-processor">{name(decision.processor)}</strong> <code>{decision.processor}</code>
          </>
        ) : (
          <span data-testid="decision-reason">{decision.reason ?? 'no processor'}</span>
        )}
      </p>
      <h3>Path</h3>
      <ol className="sy-path">
        {decision.path.map((step) => {
          const trace = traces.get(step.node);
          return (
            <li key={step.node}>
              <button type="button" className="link-button" onClick={() => show(step.node)}>
                {doc.nodes[step.node]?.label ?? step.node}
              </button>{' '}
              → <strong className={step.result ? 'sy-yes-text' : 'sy-no-text'}>{step.result ? 'yes' : 'no'}</strong>
              {trace && trace.rules.length > 1 && <span className="muted"> ({trace.match === 'any' ? 'any' : 'all'} of)</span>}
              <ul className="sy-path-rules">
                {trace?.rules.map((rule, i) => (
                  <li key={i} className={rule.result ? 'rule-true' : 'rule-false'}>
                    {rule.result ? '✓' : '✗'} {ruleText(rule)}: read <span data-testid="read-value">{rule.filter ? (rule.result ? 'matched' : 'not matched') : describeRead(rule.actual, rule.missing)}</span>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
        {decision.node && (
          <li>
            <button type="button" className="link-button" onClick={() => show(decision.node!)}>
              {doc.nodes[decision.node]?.label ?? decision.node}
            </button>{' '}
            <span className="muted">({decision.strategy})</span>
          </li>
        )}
      </ol>
      {decision.candidates.length > 0 && (
        <>
          <h3>Candidates, in cascade order</h3>
          <ol className="sy-candidates" data-testid="decision-candidates">
            {decision.candidates.map((id) => (
              <li key={id} className={id === decision.processor ? 'is-chosen' : undefined}>
                {name(id)} <code>{id}</code> {id === decision.processor && <span className="badge badge-active">chosen</span>}
              </li>
            ))}
          </ol>
        </>
      )}
      {decision.trace && decision.trace.skipped.length > 0 && (
        <>
          <h3>Skipped</h3>
          <ul className="sy-skipped" data-testid="decision-skipped">
            {decision.trace.skipped.map((s) => (
              <li key={s.processor}>
                {name(s.processor)} <code>{s.processor}</code>: {SKIP_REASONS[s.reason] ?? s.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {Object.keys(decision.modifiers).length > 0 && (
        <>
          <h3>Modifiers</h3>
          <p className="sy-modifiers" data-testid="decision-modifiers">
            {Object.entries(decision.modifiers).map(([key, value]) => (
              <span key={key} className="sy-tag">
                {key}: {String(value)}
              </span>
            ))}
          </p>
        </>
      )}
    </div>
  );
}
