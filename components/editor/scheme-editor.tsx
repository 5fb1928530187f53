'use client';

import '@xyflow/react/dist/style.css';
import './editor.css';
import './simulate/simulate.css';
import { ReactFlowProvider } from '@xyflow/react';
import Link from 'next/link';
import { useActionState, useEffect, useState } from 'react';
import { idleForm } from '@/lib/forms/form-state';
import { setSchemeName } from '@/lib/graph';
import { ActionButton } from '@/components/schemes/name-form';
import { EditorActionsContext, useEditorActions, type EditorActions } from './actions-context';
import { FlowCanvas } from './canvas/flow-canvas';
import { Palette } from './canvas/palette';
import { DryRunPanel } from './dry-run/dry-run-panel';
import { DirtyMarker, SaveProblems } from './save-status';
import { ProblemsTabLabel, SidePanel, type SideTab } from './side-panel';
import { SimulatePanel } from './simulate/simulate-panel';
import { TestsPanel } from './tests/tests-panel';
import { Inspector } from './inspector/inspector';
import { JsonTab } from './json-tab';
import { KeptJsonBanner } from './json-tab/kept-json-banner';
import { ProblemsPanel } from './validation/problems-panel';
import { useLiveValidation } from './validation/use-live-validation';
import type { EditorInit } from './store';
import { EditorStoreProvider, useEditor, useEditorStore } from './store-provider';
import { Toolbar } from './toolbar';
import { useEditorCommands } from './use-editor-commands';
import { useEditorShortcuts } from './use-editor-shortcuts';
import { useUnsavedGuard } from './use-unsaved-guard';
import { useReadOnlyOnNarrowScreens } from './use-read-only';

/** The side panel's tabs, in order; the first is where a selected node shows. */
const SIDE_TABS: readonly SideTab[] = [
  { id: 'inspector', label: 'Inspector', content: <Inspector /> },
  { id: 'dry-run', label: 'Dry run', content: <DryRunPanel /> },
  { id: 'problems', label: <ProblemsTabLabel />, content: <ProblemsPanel />, givesWayToSelection: true },
  { id: 'simulate', label: 'Simulate', content: <SimulatePanel /> },
  { id: 'tests', label: 'Tests', content: <TestsPanel /> },
];

/** The scheme editor: one store, a graph and a JSON view of the document, and the side panel. */
/** `openTransaction`: a transaction to open in the dry run at once (a recorded example linked from elsewhere). */
export function SchemeEditor({ init, activeVersion, actions, openTransaction }: { init: EditorInit; activeVersion: number | null; actions: EditorActions; openTransaction?: Record<string, unknown> }) {
  return (
    <EditorActionsContext.Provider value={actions}>
      <EditorStoreProvider init={init}>
        <ReactFlowProvider>
          <EditorLayout activeVersion={activeVersion} openTransaction={openTransaction} />
        </ReactFlowProvider>
      </EditorStoreProvider>
    </EditorActionsContext.Provider>
  );
}

function EditorLayout({ activeVersion, openTransaction }: { activeVersion: number | null; openTransaction: Record<string, unknown> | undefined }) {
  const commands = useEditorCommands();
  useEditorShortcuts(commands);
  useUnsavedGuard();
  useLiveValidation();
  const readOnly = useReadOnlyOnNarrowScreens();
  const tab = useEditor((s) => s.tab);
  const store = useEditorStore();
  const schemeId = useEditor((s) => s.schemeId);
  useEffect(() => {
    if (openTransaction) store.getState().openInDryRun(openTransaction);
    // Once, when the editor opens with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className={`sy-editor${readOnly ? ' is-read-only' : ''}`} data-testid="scheme-editor">
      <header className="sy-header">
        <SchemeName />
        {activeVersion !== null && <span className="badge badge-active">active v{activeVersion}</span>}
        <DirtyMarker />
        <span className="sy-grow" />
        <SchemeMenu schemeId={schemeId} />
      </header>
      {readOnly ? (
        <p className="notice notice-warn sy-read-only-note" data-testid="read-only-note">
          Read only: editing needs a wider screen (760 px or more; best from 1024 px). You can look at the scheme and its problems, and dry-run it.
        </p>
      ) : (
        <Toolbar commands={commands} />
      )}
      <SaveProblems />
      <KeptJsonBanner />
      <div className="sy-body">
        <section className="sy-main">
          <div className="sy-tabs" role="tablist" aria-label="View">
            {(['graph', 'json'] as const).map((t) => (
              <button key={t} type="button" role="tab" aria-selected={tab === t} className={`sy-tab${tab === t ? ' is-on' : ''}`} onClick={() => store.getState().setTab(t)}>
                {t === 'graph' ? 'Graph' : 'JSON'}
              </button>
            ))}
          </div>
          <div className={`sy-view${tab === 'graph' ? '' : ' is-hidden'}`} aria-hidden={tab !== 'graph'}>
            {!readOnly && <Palette />}
            <FlowCanvas />
          </div>
          {tab === 'json' && (
            <div className="sy-view">
              <JsonTab />
            </div>
          )}
        </section>
        <SidePanel tabs={SIDE_TABS} />
      </div>
    </div>
  );
}

/** The scheme's name, edited in place: a rename is an edit of the document, saved with it. */
function SchemeName() {
  const name = useEditor((s) => s.history.present.name);
  const readOnly = useEditor((s) => s.readOnly);
  const store = useEditorStore();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const result = store.getState().edit((doc) => setSchemeName(doc, draft));
    setError(result.ok ? null : result.reason);
    if (result.ok) setDraft(null);
  };
  return (
    <span className="sy-name">
      <input
        aria-label="Scheme name"
        className={error ? 'is-invalid' : undefined}
        value={draft ?? name}
        readOnly={readOnly}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(null);
            setError(null);
          }
        }}
        size={Math.min(40, Math.max(12, (draft ?? name).length + 1))}
      />
      {error && <span className="field-error">{error}</span>}
    </span>
  );
}

/** Links and actions on the scheme as a whole: versions and publishing, duplicate, delete, the list. */
function SchemeMenu({ schemeId }: { schemeId: string }) {
  const actions = useEditorActions();
  return (
    <nav className="sy-menu" aria-label="Scheme">
      <Link href={`/schemes/${schemeId}/versions`} className="button small">
        Publish…
      </Link>
      <ActionButton action={actions.duplicate} label="Duplicate scheme" />
      <DeleteScheme />
      <Link href="/schemes" className="button small">
        All schemes
      </Link>
    </nav>
  );
}

function DeleteScheme() {
  const actions = useEditorActions();
  const name = useEditor((s) => s.savedDoc.name);
  const [state, formAction] = useActionState(actions.remove, idleForm);
  return (
    <form
      className="inline-form"
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(`Delete scheme ${name} and its versions?`)) event.preventDefault();
      }}
    >
      <button type="submit" className="button small danger">
        Delete scheme
      </button>
      {state.status === 'error' && (
        <span className="sy-menu-error" role="alert">
          {state.message}
        </span>
      )}
    </form>
  );
}
