import type { Metadata } from 'next';
import { ssoFrom } from '@/lib/auth/auth';
import { safeReturnPath } from '@/lib/access/return-path';
import { ssoFailureMessage } from '@/lib/auth/sso-failure';
import { SignInForm } from '@/components/access/sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const sso = ssoFrom();
  const next = safeReturnPath(one(params.next));
  return (
    <div className="sign-in-page">
      <h1>Sign in to Switchyard</h1>
      {one(params.created) && <p className="notice notice-ok" role="status">The admin account was created. Sign in with it.</p>}
      {one(params.sso) === 'failed' && (
        <p className="notice notice-error" role="alert" data-testid="sso-failed">
          {ssoFailureMessage(one(params.error) ?? '', sso?.domain ?? null)}
        </p>
      )}
      <SignInForm next={next} email={one(params.email)} sso={sso && { name: sso.name }} />
      <p className="muted">No account? An admin of this Switchyard adds users and gives them a role.</p>
    </div>
  );
}
