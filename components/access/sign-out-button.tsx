'use client';

import { useState } from 'react';

/** Ends the session on the server (the cookie alone is not enough), then shows the sign-in page. */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="button small"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await fetch('/api/auth/sign-out', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).catch(() => null);
        window.location.assign('/sign-in');
      }}
    >
      Sign out
    </button>
  );
}
