'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useEditor } from './store-provider';

export interface SideTab {
  id: string;
  label: ReactNode;
  content: ReactNode;
  /** Selecting a node on the canvas while this tab shows switches to the first tab (the inspector). */
  givesWayToSelection?: boolean;
}

/**
 * The side panel: a tab bar over a list of tabs (the first one shows first). Adding a tab is one entry
 * in the list the editor passes. Every tab's content stays mounted, so switching keeps its state.
 */
export function SidePanel({ tabs }: { tabs: readonly SideTab[] }) {
  const [tab, setTab] = useState(tabs[0]!.id);
  useSelectionShowsInspector(tabs, tab, setTab);
  useTabRequests(tabs, setTab);
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
      {tabs.map((t) => (
        <div key={t.id} role="tabpanel" id={`side-panel-${t.id}`} aria-labelledby={`side-tab-${t.id}`} className="sy-side-body" hidden={tab !== t.id}>
          {t.content}
        </div>
      ))}
    </aside>
  );
}

/** Another part of the editor asks for a tab (a test case opening in the dry run, say). */
function useTabRequests(tabs: readonly SideTab[], setTab: (id: string) => void) {
  const request = useEditor((s) => s.sideRequest);
  useEffect(() => {
    if (request && tabs.some((t) => t.id === request.tab)) setTab(request.tab);
  }, [request, tabs, setTab]);
}

/** A node the user selects (not one selected to show a problem) brings the inspector forward. */
function useSelectionShowsInspector(tabs: readonly SideTab[], tab: string, setTab: (id: string) => void) {
  const selectSeq = useEditor((s) => s.selectSeq);
  const selected = useEditor((s) => s.selection.length > 0);
  const seen = useRef(selectSeq);
  useEffect(() => {
    if (seen.current === selectSeq) return;
    seen.current = selectSeq;
    if (selected && tabs.find((t) => t.id === tab)?.givesWayToSelection) setTab(tabs[0]!.id);
  }, [selectSeq, selected, tab, tabs, setTab]);
}

/** The Problems tab's label, with the live counts of errors and warnings. */
export function ProblemsTabLabel() {
  const errors = useEditor((s) => s.problems.filter((p) => p.severity === 'error').length);
  const warnings = useEditor((s) => s.problems.length) - errors;
  return (
    <>
      Problems{' '}
      {errors > 0 && <span className="sy-count is-error">{errors}</span>}
      {warnings > 0 && <span className="sy-count is-warn">{warnings}</span>}
    </>
  );
}
