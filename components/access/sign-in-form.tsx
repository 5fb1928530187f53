'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { Field } from '@/components/ui/field';

/**
 * Posts to better-auth's sign-in endpoint (where the throttling and the cookie are), then loads the
 * page the user came for. Wrong password and unknown email get the same answer.
 */
export function SignInForm({ next, email: initialEmail, sso }: { next: string; email?: string; sso: { name: string } | null }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Until the script runs, a click would submit the form natively; the buttons wait for it, and the
  // form posts to nowhere else, so a password never lands in an address bar or a server log.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const response = await fetch('/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: String(form.get('email') ?? '').trim(), password: String(form.get('password') ?? '') }),
      });
      if (response.ok) {
        window.location.assign(next);
        return;
      }
      setError(await refusal(response));
    } catch {
      setError('The server could not be reached. Try again.');
    }
    setPending(false);
  }

  async function signInWithSso() {
    setPending(true);
    setError(null);
    try {
      const response = await fetch('/api/auth/sign-in/sso', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ providerId: 'oidc', callbackURL: next, errorCallbackURL: `/sign-in?sso=failed&next=${encodeURIComponent(next)}` }),
      });
      const body = (await response.json().catch(() => ({}))) as { url?: string; message?: string };
      if (response.ok && body.url) {
        window.location.assign(body.url);
        return;
      }
      setError(`Single sign-on could not start: ${body.message ?? `the server answered ${response.status}`}.`);
    } catch {
      setError('The server could not be reached. Try again.');
    }
    setPending(false);
  }

  return (
    <form onSubmit={submit} method="post" className="panel sign-in" aria-label="Sign in" noValidate>
      <Field label="Email" htmlFor="sign-in-email">
        <input id="sign-in-email" name="email" type="email" autoComplete="username" defaultValue={initialEmail} required autoFocus={!initialEmail} />
      </Field>
      <Field label="Password" htmlFor="sign-in-password">
        <input id="sign-in-password" name="password" type="password" autoComplete="current-password" required autoFocus={Boolean(initialEmail)} />
      </Field>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button primary" disabled={pending || !ready} aria-busy={pending}>
        Sign in
      </button>
      {sso && (
        <>
          <p className="muted sign-in-or">or</p>
          <button type="button" className="button" onClick={signInWithSso} disabled={pending || !ready}>
            Sign in with {sso.name}
          </button>
        </>
      )}
    </form>
  );
}

async function refusal(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { message?: string };
  if (response.status === 429) {
    const seconds = Number(response.headers.get('x-retry-after'));
    return `Too many sign-in attempts from this address. Try again in ${Number.isFinite(seconds) && seconds > 0 ? `${seconds} s` : 'a minute'}.`;
  }
  if (response.status === 401) return 'Wrong email or password.';
  if (response.status === 403) return body.message ?? 'This account may not sign in.';
  return body.message ?? `Signing in failed (the server answered ${response.status}).`;
}
