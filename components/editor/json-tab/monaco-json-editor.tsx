'use client';

import Editor from '@monaco-editor/react';
import { useEffect, useState } from 'react';
import type { editor as MonacoEditor } from 'monaco-editor/esm/vs/editor/editor.api.js';
import { jsonPathLocator } from '@/lib/editor/json-path-range';
import { jsonSchemaForAccount } from '@/lib/editor/json-schema-for-account';
import type { EditorStore, FocusRequest } from '../store';
import { useEditor, useEditorStore } from '../store-provider';
import { bindJsonSync } from './json-sync';
import { jsonDefaults, monaco } from './monaco-setup';

const CHECKER_MARKERS = 'switchyard-checker';

/**
 * The document as JSON in Monaco (loaded only in the browser, from the app's own bundle): completion and
 * validation from the account's JSON Schema, the checker's problems as markers at their paths, and the
 * text kept in step with the store (see json-sync.ts).
 */
export default function MonacoJsonEditor() {
  const store = useEditorStore();
  const schemeId = useEditor((s) => s.schemeId);
  const readOnly = useEditor((s) => s.readOnly);
  const [editor, setEditor] = useState<MonacoEditor.IStandaloneCodeEditor | null>(null);
  const modelPath = `inmemory://switchyard/schemes/${encodeURIComponent(schemeId)}.json`;

  useAccountSchema(modelPath);
  useEffect(() => (editor ? bindJsonSync(editor, store).dispose : undefined), [editor, store]);
  useCheckerMarkers(editor);
  useFocusRequests(editor, store);

  return (
    <Editor
      height="100%"
      defaultLanguage="json"
      path={modelPath}
      defaultValue={store.getState().jsonText}
      onMount={(mounted) => setEditor(mounted)}
      loading={<p className="muted json-tab-loading">Loading the JSON editor…</p>}
      options={{
        automaticLayout: true,
        tabSize: 2,
        insertSpaces: true,
        fontSize: 13,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        fixedOverflowWidgets: true,
        renderValidationDecorations: 'on',
        quickSuggestions: { strings: true, other: true, comments: false },
        ariaLabel: 'Scheme document as JSON',
        readOnly,
      }}
    />
  );
}

/** Monaco's JSON service validates and completes against the scheme schema for this account and document. */
function useAccountSchema(modelPath: string) {
  const account = useEditor((s) => s.account);
  const catalog = useEditor((s) => s.catalog);
  // A string, so the schema is rebuilt only when the set of node ids changes, not on every edit.
  const nodeIds = useEditor((s) => Object.keys(s.history.present.nodes).join('\n'));
  useEffect(() => {
    const schema = jsonSchemaForAccount(account, catalog, nodeIds ? nodeIds.split('\n') : []);
    jsonDefaults.setDiagnosticsOptions({
      validate: true,
      allowComments: false,
      trailingCommas: 'error',
      comments: 'error',
      schemaValidation: 'error',
      // Never fetch a schema (a `$schema` URL in a pasted document included): the app works offline.
      enableSchemaRequest: false,
      schemas: [{ uri: 'inmemory://switchyard/scheme.schema.json', fileMatch: [modelPath], schema }],
    });
  }, [account, catalog, nodeIds, modelPath]);
}

/** The checker's findings as markers at their JSON paths, while the text is the checked document. */
function useCheckerMarkers(editor: MonacoEditor.IStandaloneCodeEditor | null) {
  const problems = useEditor((s) => s.problems);
  const jsonText = useEditor((s) => s.jsonText);
  const textIsDocument = useEditor((s) => s.jsonProblems === null);
  useEffect(() => {
    const model = editor?.getModel();
    // Invalid text keeps the markers it had: Monaco moves them along with the edits.
    if (!model || !textIsDocument) return;
    const locate = jsonPathLocator(model.getValue());
    monaco.editor.setModelMarkers(
      model,
      CHECKER_MARKERS,
      problems.flatMap((p) => {
        const range = locate(p.path);
        if (!range) return [];
        const severity = p.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning;
        return [{ ...range, severity, message: p.message, code: p.code, source: 'checker' }];
      }),
    );
  }, [editor, problems, jsonText, textIsDocument]);
}

/** The last focus request each editor's JSON tab has shown, so remounting the tab does not repeat it. */
const shownFocus = new WeakMap<EditorStore, number>();

/** A focus request with a JSON path reveals and selects it, while this tab is showing. */
function useFocusRequests(editor: MonacoEditor.IStandaloneCodeEditor | null, store: EditorStore) {
  useEffect(() => {
    if (!editor) return;
    const reveal = (focus: FocusRequest | null) => {
      const model = editor.getModel();
      if (!focus?.path || !model || store.getState().tab !== 'json') return;
      shownFocus.set(store, focus.seq);
      const range = jsonPathLocator(model.getValue())(focus.path);
      if (!range) return;
      editor.setSelection(range);
      editor.revealRangeInCenter(range);
      editor.focus();
    };
    // A request that opened this tab (a path on no node) arrives before the editor exists.
    const initial = store.getState().focus;
    if (initial && initial.node === undefined && initial.seq > (shownFocus.get(store) ?? 0)) reveal(initial);
    return store.subscribe((state, previous) => {
      if (state.focus !== previous.focus) reveal(state.focus);
    });
  }, [editor, store]);
}
