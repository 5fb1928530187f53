'use client';

import type { RunTarget } from '@/lib/simulation/run-request';
import type { SchemeDocument } from '@/lib/scheme/schema';
import { useSimulationInit } from './simulation-context';

/** `unsaved`, `draft`, `active` or `v<N>`. */
export type TargetChoice = string;

/** Picks the document a run decides with: the editor's unsaved document, the saved draft, or a published version. */
export function TargetSelect({ id, label, value, onChange }: { id: string; label: string; value: TargetChoice; onChange: (value: TargetChoice) => void }) {
  const { versions } = useSimulationInit();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="unsaved">Unsaved draft (as in the editor)</option>
        <option value="draft">Saved draft</option>
        {versions.some((v) => v.active) && <option value="active">Active version</option>}
        {versions.map((v) => (
          <option key={v.version} value={`v${v.version}`}>
            Version {v.version}{v.active ? ' (active)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}

export function targetOf(choice: TargetChoice, document: SchemeDocument, revision: number): RunTarget {
  if (choice === 'unsaved') return { kind: 'unsaved', document, revision };
  if (choice === 'draft') return { kind: 'draft' };
  if (choice === 'active') return { kind: 'active' };
  return { kind: 'version', version: Number(choice.slice(1)) };
}
