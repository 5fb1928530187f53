/**
 * What every request's path and query must be before any route sees them: percent-escapes that decode
 * to UTF-8, and no NUL. Checked once at the edge (proxy.ts), for pages and the API alike, so no
 * handler ever receives a path it cannot decode or a NUL it cannot store.
 */
export function requestTargetProblem(url: URL): { where: 'path' | 'query'; message: string } | undefined {
  const path = decodedProblem(url.pathname);
  if (path) return { where: 'path', message: `The path ${path}.` };
  for (const part of url.search.slice(1).split('&')) {
    const problem = decodedProblem(part.replace(/\+/g, ' '));
    if (problem) return { where: 'query', message: `The query string ${problem}.` };
  }
  return undefined;
}

function decodedProblem(encoded: string): string | undefined {
  if (!encoded.includes('%')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    return 'has a percent-escape that is not valid UTF-8 (such as %ff)';
  }
  return decoded.includes('\u0000') ? 'contains a NUL character (%00)' : undefined;
}

/** Whether a server action's Origin is this site (the host the request was sent to), as Next.js itself requires. */
export function isForeignOrigin(origin: string | null, host: string | null): boolean {
  if (origin === null) return false; // no Origin: not sent by a browser on another site
  if (!host) return true;
  try {
    return origin === 'null' || new URL(origin).host !== host;
  } catch {
    return true;
  }
}
