import type { Metadata } from 'next';
import Link from 'next/link';
import { isRole, ROLE_LABELS } from '@/lib/access/roles';

export const metadata: Metadata = { title: 'Not allowed' };

/** Where the proxy sends a signed-in user whose role is below what a page needs (with status 403). */
export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ needs?: string }> }) {
  const { needs } = await searchParams;
  return (
    <section className="panel panel-error" role="alert" data-testid="forbidden">
      <h1>Your role may not open this page</h1>
      <p>{isRole(needs) ? `It needs the ${ROLE_LABELS[needs].toLowerCase()} role or above.` : 'It needs a higher role.'} An admin can change your role on the users page.</p>
      <Link href="/" className="button">
        Back to the dashboard
      </Link>
    </section>
  );
}
