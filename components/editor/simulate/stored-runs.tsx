'use client';

import { useCallback, useEffect, useState } from 'react';
import { describeTarget } from '@/lib/simulation/run-request';
import type { RunRecord, RunSummary } from '@/lib/services/simulation-runs';
import { inputText } from '@/lib/simulation/run-request';
import { RunCompare } from './run-compare';

const base = (schemeId: string) => `/schemes/${encodeURIComponent(schemeId)}/simulations`;


async function fetchRun(schemeId: string, id: string): Promise<RunRecord | null> {
  const response = await fetch(`${base(schemeId)}/${encodeURIComponent(id)}`);
  return response.ok ? ((await response.json()) as RunRecord) : null;
}

/** The scheme's stored runs: reopen one (report and heat map), export its payments, compare two side by side. */
export function StoredRuns({ schemeId, refresh, onOpen }: { schemeId: string; refresh: number; onOpen: (run: RunRecord) => void }) {
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [compared, setCompared] = useState<[RunRecord, RunRecord] | null>(null);

  useEffect(() => {
    let live = true;
    void fetch(base(schemeId)).then(async (r) => {
      if (live && r.ok) setRuns((await r.json()) as RunSummary[]);
    });
    return () => {
      live = false;
    };
  }, [schemeId, refresh]);

  const open = useCallback(async (id: string) => {
    const run = await fetchRun(schemeId, id);
    if (run) onOpen(run);
  }, [schemeId, onOpen]);

  const compare = async () => {
    const [a, b] = await Promise.all(picked.map((id) => fetchRun(schemeId, id)));
    if (a && b) setCompared([a, b]);
  };

  if (runs === null) return <p className="muted">Loading stored runs…</p>;
  if (runs.length === 0) return <p className="muted">No stored runs yet: a finished run is kept here.</p>;
  return (
    <div className="sy-sim-runs" data-testid="sim-runs">
      <ul className="sy-sim-run-list">
        {runs.map((run) => (
          <li key={run.id} data-testid="sim-run">
            <label className="sy-radio">
              <input
                type="checkbox"
                aria-label={`Compare run ${run.id}`}
                checked={picked.includes(run.id)}
                onChange={(e) => setPicked((p) => (e.target.checked ? [...p.filter((x) => x !== run.id), run.id].slice(-2) : p.filter((x) => x !== run.id)))}
              />
            </label>
            <span className="sy-sim-run-text">
              <strong>{new Date(run.created_at).toLocaleString('en-GB')}</strong> · {run.actor} · {describeTarget(run.target)} · {inputText(run)} · approval {(run.approval_rate * 100).toFixed(1)}%
            </span>
            <span className="sy-row">
              <button type="button" className="button small" onClick={() => void open(run.id)}>Open</button>
              <a className="button small" href={`${base(schemeId)}/${encodeURIComponent(run.id)}/export`} download>Export CSV</a>
            </span>
          </li>
        ))}
      </ul>
      <button type="button" className="button small" disabled={picked.length !== 2} onClick={() => void compare()}>
        Compare the two selected
      </button>
      {compared && <RunCompare a={compared[0]} b={compared[1]} onClose={() => setCompared(null)} />}
    </div>
  );
}
