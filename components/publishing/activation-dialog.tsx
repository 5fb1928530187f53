'use client';

import type { ReactNode } from 'react';
import type { ActivationPreview, PreviewResult } from '@/lib/services/going-live';

/**
 * The confirmation both ways of going live ask for (now, or at a time): the preview's body or why
 * there is none, the last failure, and the confirm and cancel buttons. `testId` names the dialog
 * (`${testId}-dialog`) and its confirm button (`${testId}-confirm`).
 */
export function ActivationDialog({ testId, title, preview, error, pending, confirmLabel, onConfirm, onCancel, children }: {
  testId: string;
  title: string;
  preview: PreviewResult;
  /** Why the last confirm failed; the dialog stays open. */
  error: string | null;
  pending: boolean;
  confirmLabel: (preview: ActivationPreview) => string;
  onConfirm: () => void;
  onCancel: () => void;
  /** What the dialog says when the preview is there. */
  children: (preview: ActivationPreview) => ReactNode;
}) {
  const titleId = `${testId}-title`;
  return (
    <div className="confirm-backdrop">
      <div className="confirm-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={`${testId}-dialog`}>
        <h2 id={titleId}>{title}</h2>
        {preview.ok ? children(preview.preview) : <p className="notice notice-error">{preview.message}</p>}
        {error !== null && <p className="notice notice-error" role="alert">{error}</p>}
        <div className="confirm-actions">
          {preview.ok && (
            <button type="button" className="button primary" onClick={onConfirm} disabled={pending} data-testid={`${testId}-confirm`}>
              {confirmLabel(preview.preview)}
            </button>
          )}
          <button type="button" className="button" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}

/** How the scheme's saved test cases fare against the version about to go live. */
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
