/**
 * Monaco from the locally installed `monaco-editor` package, never from a CDN: the editor core with its
 * contributions and the JSON language, bundled by Next like any other client module. The JSON language
 * service runs in its own worker, also built from the package. Import this module only on the client
 * (the JSON tab loads it through next/dynamic with ssr off).
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import 'monaco-editor/esm/vs/editor/editor.all.js';
import * as jsonContribution from 'monaco-editor/esm/vs/language/json/monaco.contribution.js';
import type { json } from 'monaco-editor';
import { loader } from '@monaco-editor/react';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    if (label === 'json') {
      return new Worker(new URL('monaco-editor/esm/vs/language/json/json.worker.js', import.meta.url), { type: 'module' });
    }
    return new Worker(new URL('monaco-editor/esm/vs/editor/editor.worker.js', import.meta.url), { type: 'module' });
  },
};

// @monaco-editor/react would otherwise fetch its loader and Monaco from a CDN.
loader.config({ monaco });

// The contribution module ships without types; they are the `json` namespace of the full API's.
export const jsonDefaults = (jsonContribution as unknown as typeof json).jsonDefaults;
export { monaco };
