'use client';

import './json-tab.css';
import dynamic from 'next/dynamic';
import { jsonPathLocator } from '@/lib/editor/json-path-range';
import { formatJsonPath } from '@/lib/scheme/json-path';
import { useEditor, useEditorStore } from '../store-provider';
import { countOf } from '../validation/counts';
import { ImportExport } from './import-export';

// Monaco touches `window` as it loads: it is only ever loaded in the browser.
const MonacoJsonEditor = dynamic(() => import('./monaco-json-editor'), {
  ssr: false,
  loading: () => <p className="muted json-tab-loading">Loading the JSON editor…</p>,
});

/**
 * The JSON tab: the same document as text. Valid edits reach the graph a moment after typing stops;
 * text that is not a valid document is kept, with its errors listed here, while the graph keeps the last
 * valid document.
 */
export function JsonTab() {
  return (
    <div className="json-tab" data-testid="json-tab">
      <div className="json-tab-bar">
        <JsonStatus />
        <span className="json-tab-grow" />
        <ImportExport />
      </div>
      <div className="json-tab-editor">
        <MonacoJsonEditor />
      </div>
      <JsonProblems />
    </div>
  );
}

function JsonStatus() {
  const problems = useEditor((s) => s.jsonProblems);
  if (!problems) {
    return (
      <span className="json-status is-ok" data-testid="json-status">
        Valid document — edits reach the graph as you type
      </span>
    );
  }
  return (
    <span className="json-status is-invalid" data-testid="json-status">
      Not applied ({countOf(problems.length, 'problem')}) — the graph keeps the last valid document
    </span>
  );
}

/** Why the text is not a document: a syntax error (with its line and column) or the format's findings. */
function JsonProblems() {
  const problems = useEditor((s) => s.jsonProblems);
  const text = useEditor((s) => s.jsonText);
  const store = useEditorStore();
  if (!problems) return null;
  const locate = jsonPathLocator(text);
  return (
    <ul className="json-tab-problems" role="alert" data-testid="json-problems">
      {problems.map((p, i) => {
        const at = p.code === 'json_syntax' ? null : locate(p.path);
        return (
          <li key={i}>
            <button type="button" className="link-button" disabled={!at} onClick={() => store.getState().requestFocus({ path: p.path })}>
              {at && (
                <span className="json-problem-at">
                  line {at.startLineNumber}, column {at.startColumn} · <code>{formatJsonPath(p.path)}</code>
                </span>
              )}{' '}
              {p.message}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
