'use client';

import { progressFigures } from '@/lib/editor/simulation-client';
import type { RunProgress } from '@/lib/simulation/run-request';

/** The bar of a running run: rows done, rate, time left, and Cancel. */
export function RunProgressBar({ progress, cancelling, onCancel }: { progress: RunProgress | null; cancelling: boolean; onCancel: () => void }) {
  const figures = progress ? progressFigures(progress) : null;
  const percent = figures?.fraction != null ? Math.round(figures.fraction * 100) : null;
  return (
    <div className="sy-sim-progress" data-testid="sim-progress">
      <progress max={100} value={percent ?? undefined} aria-label="Simulation progress" />
      <div className="sy-row">
        <span data-testid="sim-rows">{(progress?.rows ?? 0).toLocaleString('en')} rows</span>
        {figures && <span>{Math.round(figures.rate).toLocaleString('en')} rows/s</span>}
        {figures?.secondsLeft != null && <span>{formatSeconds(figures.secondsLeft)} left</span>}
        {progress && progress.bad_rows > 0 && <span className="field-error">{progress.bad_rows.toLocaleString('en')} bad rows skipped</span>}
        <span className="sy-grow" />
        <button type="button" className="button small danger" onClick={onCancel} disabled={cancelling}>
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
