'use client';

import { useState, type ReactNode } from 'react';
import { useEditor } from './store-provider';

export type SideTab = 'inspector' | 'dry-run' | 'problems';

/** The right-hand panel: the inspector of the selection, the dry run, and the problems list. */
export function SidePanel({ inspector, dryRun, problems }: { inspector: ReactNode; dryRun: ReactNode; problems: ReactNode }) {
  const [tab, setTab] = useState<SideTab>('inspector');
  const errors = useEditor((s) => s.problems.filter((p) => p.severity === 'error').length);
  const warnings = useEditor((s) => s.problems.length) - errors;
  const tabs: { id: SideTab; label: ReactNode }[] = [
    { id: 'inspector', label: 'Inspector' },
    { id: 'dry-run', label: 'Dry run' },
    {
      id: 'problems',
      label: (
        <>
          Problems{' '}
          {errors > 0 && <span className="sy-count is-error">{errors}</span>}
          {warnings > 0 && <span className="sy-count is-warn">{warnings}</span>}
        </>
      ),
    },
  ];
  return (
    <aside className="sy-side" aria-label="Side panel">
      <div className="sy-tabs" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`side-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`side-panel-${t.id}`}
            className={`sy-tab${tab === t.id ? ' is-on' : ''}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {(['inspector', 'dry-run', 'problems'] as const).map((id) => (
        <div key={id} role="tabpanel" id={`side-panel-${id}`} aria-labelledby={`side-tab-${id}`} className="sy-side-body" hidden={tab !== id}>
          {id === 'inspector' ? inspector : id === 'dry-run' ? dryRun : problems}
        </div>
      ))}
    </aside>
  );
}
