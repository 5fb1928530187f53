'use client';

import { useState } from 'react';
import { heatMapOf, type HeatMap } from '@/lib/editor/heat-map';
import type { LiveTraffic, TrafficWindow } from '@/lib/services/traffic';
import { useEditor, useEditorStore } from '../store-provider';

const WINDOWS: Record<TrafficWindow, string> = { hour: 'last hour', day: 'last day', week: 'last week' };

/** The active version's recorded traffic drawn on the graph, as a heat map (the same view as a simulation's). */
export function LiveTrafficControl() {
  const store = useEditorStore();
  const schemeId = useEditor((s) => s.schemeId);
  const [window, setWindow] = useState<TrafficWindow>('hour');
  // Only the heat map this control drew is its to hide; a simulation run's has its own button.
  const [drawn, setDrawn] = useState<HeatMap | null>(null);
  const liveOn = useEditor((s) => s.heat !== null && s.heat === drawn);
  const [note, setNote] = useState<string | null>(null);
  const show = async () => {
    setNote(null);
    const response = await fetch(`/schemes/${encodeURIComponent(schemeId)}/traffic?window=${window}`).catch(() => null);
    if (!response?.ok) return setNote('The live traffic could not be read.');
    const traffic = (await response.json()) as LiveTraffic;
    if (traffic.version === null) return setNote('This scheme is not live: no version of it decides traffic.');
    if (traffic.total === 0) return setNote(`No recorded decisions of version ${traffic.version} in the ${WINDOWS[window]}.`);
    const heat = heatMapOf(traffic, `live traffic of version ${traffic.version}, ${WINDOWS[window]} (${traffic.total.toLocaleString('en')} decisions)`);
    setDrawn(heat);
    store.getState().setHeat(heat);
  };
  return (
    <div className="sy-row" data-testid="live-traffic">
      <label htmlFor="live-window">Live traffic</label>
      <select id="live-window" value={window} onChange={(e) => setWindow(e.target.value as TrafficWindow)}>
        {Object.entries(WINDOWS).map(([w, label]) => <option key={w} value={w}>{label}</option>)}
      </select>
      <button type="button" className="button small" onClick={() => void show()}>Show on the graph</button>
      {liveOn && <button type="button" className="button small" onClick={() => store.getState().setHeat(null)}>Hide heat map</button>}
      {note && <span className="muted" role="status">{note}</span>}
    </div>
  );
}
