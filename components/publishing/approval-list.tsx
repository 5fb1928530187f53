'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { idleForm, type FormState } from '@/lib/forms/form-state';
import type { ApprovalRequest } from '@/lib/services/going-live';

type Action = (state: FormState, form: FormData) => Promise<FormState>;

/**
 * Four-eyes requests waiting for a decision. A publisher or admin other than the requester approves
 * (it happens then) or rejects with a comment; `decide` is absent for roles that may not decide.
 */
export function ApprovalList({ requests, decide, me }: { requests: readonly ApprovalRequest[]; /** The bound decide action per request id. */ decide?: Record<string, Action>; me: string }) {
  if (requests.length === 0) return <p className="muted">No request is waiting.</p>;
  return (
    <ul className="approval-list" data-testid="pending-requests">
      {requests.map((request) => (
        <li key={request.id} data-testid={`request-${request.id}`}>
          <p>
            <strong>{request.summary}</strong> — requested by {request.requested_by_email} at {request.requested_at.replace('T', ' ').slice(0, 16)} UTC.{' '}
            <Link href={`/schemes/${request.scheme_id}/versions`}>Versions</Link>
            {request.note && <span className="muted"> Note: {request.note}</span>}
          </p>
          {decide && (request.requested_by === me ? <p className="muted">Yours: another publisher or admin decides it.</p> : <DecisionForm action={decide[request.id]!} />)}
        </li>
      ))}
    </ul>
  );
}

function DecisionForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, idleForm);
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
