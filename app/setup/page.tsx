import type { Metadata } from 'next';
import { SetupForm } from '@/components/access/setup-form';
import { createFirstAdminAction } from './actions';

export const metadata: Metadata = { title: 'Set up' };

/** Shown while no user exists (the proxy sends every page here until then). */
export default function SetupPage() {
  return (
    <div className="sign-in-page">
      <h1>Set up Switchyard</h1>
      <p>No one can sign in yet. Create the first admin: they add the other users and give them roles.</p>
      <SetupForm action={createFirstAdminAction} />
    </div>
  );
}
