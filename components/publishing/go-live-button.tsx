'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import type { ActivationPreview, GoLiveResult, PreviewResult } from '@/lib/services/going-live';

/**
 * Activate or roll back, asking first: the dialog says what changes for live traffic and how the
 * scheme's test cases fare against this version. With four-eyes on, confirming sends a request.
 */
export function GoLiveButton({ label, preview, confirm, fourEyes, live = false }: {
  label: string;
  /** This version is live already: no button, only the last result. */
  live?: boolean;
  preview: () => Promise<PreviewResult>;
  confirm: () => Promise<GoLiveResult>;
  fourEyes: boolean;
}) {
  const [open, setOpen] = useState<PreviewResult | null>(null);
  const [result, setResult] = useState<GoLiveResult | null>(null);
  const [pending, start] = useTransition();

  const ask = () => start(async () => {
    setResult(null);
    setOpen(await preview());
  });
  const go = () => start(async () => {
    const outcome = await confirm();
    setResult(outcome);
    if (outcome.status !== 'error') setOpen(null);
  });

  return (
    <>
      {!live && (
        <button type="button" className="button" onClick={ask} disabled={pending}>
          {label}
        </button>
      )}
      {result && (
        <p className={result.status === 'error' ? 'notice notice-error' : 'notice notice-ok'} role={result.status === 'error' ? 'alert' : 'status'} data-testid="go-live-result">
          {result.message} {result.status === 'live' && <Link href={result.href}>See the version</Link>}
        </p>
      )}
      {open && (
        <div className="confirm-backdrop">
          <div className="confirm-dialog" role="dialog" aria-modal="true" aria-labelledby="go-live-title" data-testid="go-live-dialog">
            <h2 id="go-live-title">{open.ok && open.preview.rollback ? 'Roll back?' : 'Make this version live?'}</h2>
            {open.ok ? (
              <>
                <p data-testid="go-live-summary">
                  <strong>{open.preview.summary}</strong>
                </p>
                <TestSummary preview={open.preview} />
                {fourEyes && <p className="muted">Four-eyes approval is on: this sends a request; it goes live when another publisher or admin approves it.</p>}
              </>
            ) : (
              <p className="notice notice-error">{open.message}</p>
            )}
            {result?.status === 'error' && <p className="notice notice-error" role="alert">{result.message}</p>}
            <div className="confirm-actions">
              {open.ok && (
                <button type="button" className="button primary" onClick={go} disabled={pending} data-testid="go-live-confirm">
                  {fourEyes ? 'Request approval' : open.preview.rollback ? `Roll back to v${open.preview.version}` : `Make v${open.preview.version} live`}
                </button>
              )}
              <button type="button" className="button" onClick={() => setOpen(null)} disabled={pending}>
                Cancel
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}

export function TestSummary({ preview }: { preview: ActivationPreview }) {
  const { tests } = preview;
  if (!tests) return <p className="notice notice-error">This version no longer compiles against today&apos;s processors and routes; activating it will be refused.</p>;
  if (tests.run === 0) return <p className="muted">The scheme has no saved test cases to check this version with.</p>;
  return (
    <div data-testid="go-live-tests">
      <p>
        <span className={tests.failed.length ? 'badge badge-down' : 'badge badge-active'}>
          {tests.passed} / {tests.run} test cases pass
        </span>{' '}
        against v{preview.version}.
      </p>
      {tests.failed.length > 0 && (
        <ul>
          {tests.failed.map((t) => (
            <li key={t.name}>
              <strong>{t.name}</strong>: {t.mismatches.map((m) => `${m.field} expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`).join('; ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
