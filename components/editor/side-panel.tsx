'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { useEditor } from './store-provider';

export type SideTab = 'inspector' | 'dry-run' | 'problems' | 'simulate' | 'tests';
const SIDE_TABS: readonly SideTab[] = ['inspector', 'dry-run', 'problems', 'simulate', 'tests'];

/** The right-hand panel: the inspector of the selection, the dry run, the problems list, batch simulation and test cases. */
export function SidePanel({ inspector, dryRun, problems, simulate, tests }: { inspector: ReactNode; dryRun: ReactNode; problems: ReactNode; simulate: ReactNode; tests: ReactNode }) {
  const [tab, setTab] = useState<SideTab>('inspector');
  const request = useEditor((s) => s.sideRequest);
  useEffect(() => {
    if (request && (SIDE_TABS as readonly string[]).includes(request.tab)) setTab(request.tab as SideTab);
  }, [request]);
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
    { id: 'simulate', label: 'Simulate' },
    { id: 'tests', label: 'Tests' },
  ];
  const bodies: Record<SideTab, ReactNode> = { inspector, 'dry-run': dryRun, problems, simulate, tests };
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
      {SIDE_TABS.map((id) => (
        <div key={id} role="tabpanel" id={`side-panel-${id}`} aria-labelledby={`side-tab-${id}`} className="sy-side-body" hidden={tab !== id}>
          {bodies[id]}
        </div>
      ))}
    </aside>
  );
}
