import { headers } from 'next/headers';
import Link from 'next/link';
import { isRole, NEEDED_ROLE_HEADER, ROLE_LABELS } from '@/lib/access/roles';

/** The 403 page: a signed-in user's role is below what the page needs (proxy.ts decides, /forbidden says so). */
export default async function Forbidden() {
  const needs = (await headers()).get(NEEDED_ROLE_HEADER);
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
