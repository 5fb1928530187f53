'use client';

import { useEffect, useState } from 'react';
import { dryRun, parseTransactionText, type DryRunResult } from '@/lib/editor/dry-run';
import { addableFields, addField, formFields, readField, writeField } from '@/lib/editor/transaction-form';
import { SAMPLE_TRANSACTIONS } from '@/lib/scheme/sample-transactions';
import { useEditor, useEditorStore } from '../store-provider';
import { DecisionView } from './decision-view';
import { TransactionField } from './transaction-field';
import { SaveAsTestCase } from '../tests/save-as-test-case';
import { CanaryArm } from './canary-arm';

const format = (value: unknown) => JSON.stringify(value, null, 2);

/**
 * Decides one transaction with the document as it is now (saved or not), in the browser, and lights
 * the path on the canvas. Once run, it runs again on every edit, so the path follows the drawing.
 */
export function DryRunPanel() {
  const store = useEditorStore();
  const doc = useEditor((s) => s.history.present);
  const account = useEditor((s) => s.account);
  const catalog = useEditor((s) => s.catalog);
  const [text, setText] = useState(() => format(SAMPLE_TRANSACTIONS[0]!.transaction));
  const [preset, setPreset] = useState('0');
  const [result, setResult] = useState<DryRunResult | null>(null);
  const [armed, setArmed] = useState(false);

  const parsed = parseTransactionText(text);

  // A test or an impact example asks to be opened here: take its transaction and run it.
  const request = useEditor((s) => s.sideRequest);
  useEffect(() => {
    if (!request?.transaction) return;
    const opened = format(request.transaction);
    setText(opened);
    setPreset('custom');
    const next = dryRun(store.getState().history.present, account, opened);
    setResult(next);
    setArmed(next.kind !== 'bad_input');
    store.getState().setTrace(next.kind === 'decision' ? next.decision : null);
    // Only a new request runs; the account and store are stable for the editor's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request]);

  useEffect(() => {
    if (!armed) return;
    const next = dryRun(doc, account, text);
    setResult(next);
    store.getState().setTrace(next.kind === 'decision' ? next.decision : null);
    // The text is run when the button is pressed; edits of the document re-run it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, account, armed]);

  const run = () => {
    const next = dryRun(store.getState().history.present, account, text);
    setResult(next);
    setArmed(next.kind !== 'bad_input');
    store.getState().setTrace(next.kind === 'decision' ? next.decision : null);
  };
  const clear = () => {
    setResult(null);
    setArmed(false);
    store.getState().setTrace(null);
  };
  const pick = (index: string) => {
    setPreset(index);
    const sample = SAMPLE_TRANSACTIONS[Number(index)];
    if (sample) setText(format(sample.transaction));
  };

  return (
    <div className="sy-dry-run" data-testid="dry-run">
      <div className="field">
        <label htmlFor="dry-run-preset">Preset</label>
        <select id="dry-run-preset" value={preset} onChange={(e) => pick(e.target.value)}>
          {SAMPLE_TRANSACTIONS.map((sample, i) => (
            <option key={sample.name} value={i}>
              {sample.name}
            </option>
          ))}
          <option value="custom" disabled>
            Custom
          </option>
        </select>
      </div>
      <div className="sy-tx-form">
        {formFields(catalog, parsed.ok ? parsed.transaction : {}).map((spec) => (
          <TransactionField
            key={spec.name}
            spec={spec}
            disabled={!parsed.ok}
            value={parsed.ok ? readField(parsed.transaction, spec.name) : ''}
            onChange={(input) => {
              if (!parsed.ok) return;
              setPreset('custom');
              setText(format(writeField(parsed.transaction, spec, input)));
            }}
          />
        ))}
      </div>
      {parsed.ok && (
        <div className="field">
          <label htmlFor="dry-run-add-field">Add a field</label>
          <select
            id="dry-run-add-field"
            value=""
            onChange={(e) => {
              const spec = catalog.get(e.target.value);
              if (!spec) return;
              setPreset('custom');
              setText(format(addField(parsed.transaction, spec)));
            }}
          >
            <option value="">Any attribute of the catalog…</option>
            {addableFields(catalog, parsed.transaction).map((spec) => (
              <option key={spec.name} value={spec.name}>
                {spec.group} · {spec.label} ({spec.name})
              </option>
            ))}
          </select>
        </div>
      )}
      <div className={`field${parsed.ok ? '' : ' field-invalid'}`}>
        <label htmlFor="dry-run-json">Transaction JSON</label>
        <textarea
          id="dry-run-json"
          className="code-input"
          rows={8}
          spellCheck={false}
          value={text}
          aria-invalid={!parsed.ok}
          aria-describedby={parsed.ok ? undefined : 'dry-run-json-error'}
          onChange={(e) => {
            setPreset('custom');
            setText(e.target.value);
          }}
        />
        {!parsed.ok && (
          <span id="dry-run-json-error" className="field-error" role="alert">
            {parsed.message}
          </span>
        )}
      </div>
      <div className="sy-row">
        <button type="button" className="button primary small" onClick={run} disabled={!parsed.ok}>
          Run
        </button>
        {result && (
          <button type="button" className="button small" onClick={clear}>
            Clear path
          </button>
        )}
      </div>
      {result?.kind === 'bad_input' && (
        <p className="notice notice-error" role="alert">
          {result.message}
        </p>
      )}
      {result?.kind === 'not_compiled' && (
        <div className="notice notice-error" role="alert" data-testid="dry-run-not-compiled">
          The scheme does not compile yet, so nothing can be decided:
          <ul>
            {result.errors.slice(0, 8).map((e, i) => (
              <li key={i}>
                {e.message} <code>$.{e.path.join('.')}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {result?.kind === 'decision' && parsed.ok && <CanaryArm transaction={parsed.transaction} />}
      {result?.kind === 'decision' && <DecisionView decision={result.decision} warnings={result.warnings} />}
      {result?.kind === 'decision' && parsed.ok && <SaveAsTestCase transaction={parsed.transaction} decision={result.decision} />}
    </div>
  );
}
