import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';

export const metadata: Metadata = { title: 'Not allowed' };

/**
 * Where the proxy rewrites a page whose role the user lacks. It renders app/forbidden.tsx through
 * `forbidden()`, so the answer is a 403 (a rewrite's own status is ignored for pages).
 */
export default function ForbiddenPage(): never {
  forbidden();
}
