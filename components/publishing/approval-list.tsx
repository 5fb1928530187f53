'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { idleForm, type FormState } from '@/lib/forms/form-state';
import type { ApprovalRequest } from '@/lib/services/going-live';

type Action = (state: FormState, form: FormData) => Promise<FormState>;

/**
 * Four-eyes requests waiting for a decision. A publisher or admin other than the requester approves
 * (it happens then) or rejects with a comment; `decide` is absent for roles that may not decide.
 */
export function ApprovalList({ requests, decide, me }: { requests: readonly ApprovalRequest[]; /** The bound decide action per request id. */ decide?: Record<string, Action>; me: string }) {
  // A decided request leaves the server's list when the page refreshes; keep it, with its outcome, until
  // the next visit so the person who decided sees what happened.
  const [decided, setDecided] = useState<readonly { request: ApprovalRequest; message: string }[]>([]);
  const gone = decided.filter((d) => !requests.some((r) => r.id === d.request.id));
  if (requests.length === 0 && gone.length === 0) return <p className="muted">No request is waiting.</p>;
  return (
    <ul className="approval-list" data-testid="pending-requests">
      {requests.map((request) => (
        <li key={request.id} data-testid={`request-${request.id}`}>
          <RequestSummary request={request} />
          {decide &&
            (request.requested_by === me ? (
              <p className="muted">Yours: another publisher or admin decides it.</p>
            ) : (
              <DecisionForm action={decide[request.id]!} onDecided={(message) => setDecided((list) => [...list, { request, message }])} />
            ))}
        </li>
      ))}
      {gone.map(({ request, message }) => (
        <li key={request.id} data-testid={`request-${request.id}`}>
          <RequestSummary request={request} />
          <p className="notice notice-ok" role="status">
            {message}
          </p>
        </li>
      ))}
    </ul>
  );
}

function RequestSummary({ request }: { request: ApprovalRequest }) {
  return (
    <p>
      <strong>{request.summary}</strong> — requested by {request.requested_by_email} at {request.requested_at.replace('T', ' ').slice(0, 16)} UTC.{' '}
      <Link href={`/schemes/${request.scheme_id}/versions`}>Versions</Link>
      {request.note && <span className="muted"> Note: {request.note}</span>}
    </p>
  );
}

function DecisionForm({ action, onDecided }: { action: Action; onDecided: (message: string) => void }) {
  const [state, formAction] = useActionState(async (previous: FormState, form: FormData) => {
    const next = await action(previous, form);
    if (next.status === 'ok' && next.message) onDecided(next.message);
    return next;
  }, idleForm);
  return (
    <form action={formAction} className="inline-form approval-form">
      <input name="comment" aria-label="Comment" placeholder="Comment (required to reject)" defaultValue={String(state.values?.comment ?? '')} />
      <button type="submit" name="decision" value="approve" className="button primary small">
        Approve
      </button>
      <button type="submit" name="decision" value="reject" className="button danger small">
        Reject
      </button>
      <FormMessage state={state} />
    </form>
  );
}
