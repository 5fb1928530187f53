'use client';

import { useState } from 'react';
import { STRATEGY_KEY_ORDER, withField } from '@/lib/editor/inspector-fields';
import {
  freeModifierKeys,
  KNOWN_MODIFIERS,
  modifierKeyProblem,
  parseModifierValue,
  renameModifier,
  setModifier,
} from '@/lib/editor/inspector-modifiers';
import type { Modifiers, StrategyNode } from '@/lib/scheme/schema';
import { CommitField } from './commit-field';
import { changeStrategy, useNodeEdit } from './use-node-edit';

/** What the decision asks of the payment: 3-D Secure and CVV from their choices, any other key free. */
export function ModifiersEditor({ node }: { node: StrategyNode }) {
  const edit = useNodeEdit();
  const modifiers = node.modifiers;
  const [newKey, setNewKey] = useState('');
  const [newValue, setNewValue] = useState('');
  const setModifiers = (fn: (m: Modifiers | undefined) => Modifiers | undefined) =>
    changeStrategy(edit, (n) => withField(n, 'modifiers', fn(n.modifiers), STRATEGY_KEY_ORDER));
  const newKeyProblem = newKey.trim() === '' ? null : modifierKeyProblem(modifiers, newKey);
  const add = () => {
    if (newKey.trim() === '' || newKeyProblem) return;
    setModifiers((m) => setModifier(m, newKey.trim(), newValue));
    setNewKey('');
    setNewValue('');
  };

  return (
    <section className="insp-section" aria-label="Modifiers" data-path="modifiers">
      <div className="insp-section-head">
        <h3>Modifiers</h3>
        <span className="insp-muted">Returned with the decision.</span>
      </div>
      <div className="insp-grid">
        {KNOWN_MODIFIERS.map((known) => {
          const current = modifiers?.[known.key];
          const odd = current !== undefined && !known.choices.includes(String(current));
          return (
            <label key={known.key} className="insp-field">
              <span>{known.label}</span>
              <select
                aria-label={known.label}
                value={current === undefined ? '' : String(current)}
                onChange={(e) => setModifiers((m) => setModifier(m, known.key, e.target.value === '' ? undefined : e.target.value))}
              >
                <option value="">Not set</option>
                {odd && <option value={String(current)}>{String(current)}</option>}
                {known.choices.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
      </div>
      <span className="insp-subhead">Other modifiers</span>
      {freeModifierKeys(modifiers).length > 0 && (
        <ul className="insp-kv">
          {freeModifierKeys(modifiers).map((key) => (
            <li key={key}>
              <CommitField
                aria-label={`Modifier key ${key}`}
                className="insp-mono"
                value={key}
                onCommit={(text) => {
                  const problem = modifierKeyProblem(modifiers, text, key);
                  if (problem) return problem;
                  setModifiers((m) => renameModifier(m, key, text));
                }}
              />
              <CommitField
                aria-label={`Modifier ${key}`}
                value={String(modifiers![key])}
                onCommit={(text) => setModifiers((m) => setModifier(m, key, parseModifierValue(text, m?.[key])))}
              />
              <button type="button" className="insp-icon insp-remove" aria-label={`Remove modifier ${key}`} onClick={() => setModifiers((m) => setModifier(m, key, undefined))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="insp-kv insp-kv-new">
        <input
          aria-label="New modifier key"
          className="insp-mono"
          placeholder="key"
          value={newKey}
          aria-invalid={newKeyProblem ? true : undefined}
          onChange={(e) => setNewKey(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && add()}
        />
        <input aria-label="New modifier value" placeholder="value" value={newValue} onChange={(e) => setNewValue(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && add()} />
        <button type="button" className="button small" disabled={newKey.trim() === '' || newKeyProblem !== null} onClick={add}>
          Add
        </button>
      </div>
      {newKeyProblem && <span className="insp-error">{newKeyProblem}</span>}
    </section>
  );
}
