'use client';

import { useRef, useState } from 'react';
import { schemeFileName } from '@/lib/editor/json-file-name';
import { parseSchemeText } from '@/lib/editor/json-document';
import type { Problem } from '@/lib/engine/types';
import { formatJsonPath } from '@/lib/scheme/json-path';
import { formatDocument } from '../store';
import { useEditorStore } from '../store-provider';

/**
 * The scheme as a .json file. Export downloads the current document, formatted, named after the scheme.
 * Import reads a file as a whole document: a valid one replaces the document as one undo step; anything
 * the format refuses changes nothing and lists why, with the path of each problem.
 */
export function ImportExport() {
  const store = useEditorStore();
  const input = useRef<HTMLInputElement>(null);
  const [refused, setRefused] = useState<{ file: string; problems: Problem[] } | null>(null);

  const exportFile = () => {
    const doc = store.getState().history.present;
    const url = URL.createObjectURL(new Blob([`${formatDocument(doc)}\n`], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = schemeFileName(doc.name);
    link.click();
    URL.revokeObjectURL(url);
  };

  const importFile = async (file: File) => {
    const parsed = parseSchemeText(await file.text());
    if (!parsed.ok) return setRefused({ file: file.name, problems: parsed.problems });
    setRefused(null);
    store.getState().replaceDocument(parsed.doc);
  };

  return (
    <div className="json-import-export">
      <button type="button" className="button small" onClick={() => input.current?.click()}>
        Import .json
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Import a scheme file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = ''; // the same file can be chosen again after fixing it
          if (file) void importFile(file);
        }}
      />
      <button type="button" className="button small" onClick={exportFile}>
        Export .json
      </button>
      {refused && (
        <div className="json-import-refused" role="alert">
          <strong>{refused.file} was not imported; nothing changed.</strong>
          <ul>
            {refused.problems.map((p, i) => (
              <li key={i}>
                {p.path.length > 0 && <code>{formatJsonPath(p.path)}</code>} {p.message}
              </li>
            ))}
          </ul>
          <button type="button" className="button small" onClick={() => setRefused(null)}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
