'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import type { GoLiveResult, PreviewResult } from '@/lib/services/going-live';
import { ActivationDialog, TestSummary } from './activation-dialog';

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
        <ActivationDialog
          testId="go-live"
          title={open.ok && open.preview.rollback ? 'Roll back?' : 'Make this version live?'}
          preview={open}
          error={result?.status === 'error' ? result.message : null}
          pending={pending}
          confirmLabel={(p) => (fourEyes ? 'Request approval' : p.rollback ? `Roll back to v${p.version}` : `Make v${p.version} live`)}
          onConfirm={go}
          onCancel={() => setOpen(null)}
        >
          {(p) => (
            <>
              <p data-testid="go-live-summary">
                <strong>{p.summary}</strong>
              </p>
              <TestSummary preview={p} />
              {fourEyes && <p className="muted">Four-eyes approval is on: this sends a request; it goes live when another publisher or admin approves it.</p>}
            </>
          )}
        </ActivationDialog>
      )}
    </>
  );
}
