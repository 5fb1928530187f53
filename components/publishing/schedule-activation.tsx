'use client';

import { useState, useTransition } from 'react';
import { formatInZone, instantOfLocal } from '@/lib/schedule/local-time';
import type { PreviewResult } from '@/lib/services/going-live';
import type { ScheduleResult } from '@/lib/services/scheduled-activation';
import { ActivationDialog, TestSummary } from './activation-dialog';

/**
 * "v4 at 02:00 Europe/Berlin": pick a version, a local date-time and a zone (the account's by
 * default); the instant is shown in UTC and on the viewer's own clock as it is typed, and confirming
 * first shows what the activation changes, as activating now does. The server checks it all again.
 */
export function ScheduleActivation({ versions, zones, accountZone, preview, schedule, fourEyes }: {
  versions: readonly number[];
  zones: readonly string[];
  accountZone: string;
  preview: (version: number) => Promise<PreviewResult>;
  schedule: (version: number, at: string, zone: string) => Promise<ScheduleResult>;
  fourEyes: boolean;
}) {
  const [version, setVersion] = useState(versions[0] ?? 1);
  const [at, setAt] = useState('');
  const [zone, setZone] = useState(accountZone);
  const [open, setOpen] = useState<PreviewResult | null>(null);
  const [result, setResult] = useState<ScheduleResult | null>(null);
  const [pending, start] = useTransition();
  const mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const known = zones.includes(zone);
  const instant = at && known ? instantOfLocal(at, zone) : null;
  // A hint by this browser's clock; the server refuses by the database's.
  const passed = instant?.ok === true && instant.instant.getTime() <= Date.now();

  const review = () => start(async () => {
    setResult(null);
    setOpen(await preview(version));
  });
  const confirm = () => start(async () => {
    const outcome = await schedule(version, at, zone);
    setResult(outcome);
    if (outcome.status !== 'error') {
      setOpen(null);
      setAt('');
    }
  });

  return (
    <div className="schedule-form" data-testid="schedule-form">
      <div className="form-row">
        <div className="field">
          <label htmlFor="schedule-version">Version</label>
          <select id="schedule-version" value={version} onChange={(e) => setVersion(Number(e.target.value))}>
            {versions.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="schedule-at">Local date and time</label>
          <input id="schedule-at" type="datetime-local" step={1} value={at} onChange={(e) => setAt(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="schedule-zone">Time zone</label>
          <input id="schedule-zone" list="schedule-zones" value={zone} onChange={(e) => setZone(e.target.value)} />
          <datalist id="schedule-zones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </div>
      </div>
      <p data-testid="schedule-instant" aria-live="polite">
        {!at ? (
          <span className="muted">Pick a date and time.</span>
        ) : !known ? (
          <span className="notice notice-error">Unknown time zone “{zone}”: pick one from the list.</span>
        ) : instant && !instant.ok ? (
          <span className="notice notice-error">{instant.message}</span>
        ) : passed ? (
          <span className="notice notice-error">That time has already passed: pick a later one.</span>
        ) : instant && instant.ok ? (
          <>
            Goes live at <strong>{formatInZone(instant.instant, 'UTC')}</strong>
            {mine && mine !== 'UTC' && <> · {formatInZone(instant.instant, mine)} your time ({mine})</>}
            {instant.fold && <span className="notice notice-warn">{instant.fold}</span>}
          </>
        ) : null}
      </p>
      <button type="button" className="button" onClick={review} disabled={pending || !instant?.ok || passed} data-testid="schedule-review">
        Schedule v{version}…
      </button>
      {result && (
        <p className={result.status === 'error' ? 'notice notice-error' : 'notice notice-ok'} role={result.status === 'error' ? 'alert' : 'status'} data-testid="schedule-result">
          {result.message}
        </p>
      )}
      {open && (
        <ActivationDialog
          testId="schedule"
          title="Schedule this activation?"
          preview={open}
          error={result?.status === 'error' ? result.message : null}
          pending={pending}
          confirmLabel={() => (fourEyes ? 'Request approval' : `Schedule v${version}`)}
          onConfirm={confirm}
          onCancel={() => setOpen(null)}
        >
          {(p) => (
            <>
              <p>
                At <strong>{at.replace('T', ' ')} {zone}</strong>
                {instant?.ok && <> ({formatInZone(instant.instant, 'UTC')})</>}:
              </p>
              <p data-testid="schedule-summary">
                <strong>{p.summary}</strong>
              </p>
              <TestSummary preview={p} />
              <p className="muted">
                This is what it would change now; at its time it is checked again, and if the version no longer compiles then, nothing changes and the failure is recorded.
              </p>
              {fourEyes && <p className="muted">Four-eyes approval is on: this sends a request carrying the time; it is scheduled when another publisher or admin approves it.</p>}
            </>
          )}
        </ActivationDialog>
      )}
    </div>
  );
}
