/** A `next=` target is only ever a path on this site: never another origin, never the sign-in page itself. */
export function safeReturnPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/sign-in' || next.startsWith('/sign-in?') || next.startsWith('/setup')) return '/';
  return next;
}
