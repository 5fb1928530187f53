/**
 * The app's Content-Security-Policy. Everything it loads is its own, so only this origin is allowed,
 * and no one may frame it.
 *
 * Scripts: a page gets a fresh nonce on every request (proxy.ts). Next.js reads it from the policy on
 * the request and puts it on the scripts it writes (its bootstrap, the streamed inline payloads, the
 * page's chunks, the root layout's <Script>); 'strict-dynamic' lets those scripts load the chunks and
 * workers they create. An inline script injected into a page has no nonce and does not run. Anything
 * else (the API's JSON, the files under /_next, Monaco's and the checker's worker scripts) gets the
 * same policy with scripts from this origin only. Dev mode adds 'unsafe-eval' for React's debugging.
 *
 * Styles keep 'unsafe-inline': Monaco writes its styles into <style> elements it creates itself,
 * with no way to give them a nonce, and server-rendered markup carries style attributes. (A nonce in
 * style-src would switch 'unsafe-inline' off, so there is none.) A style cannot run script.
 */
export function contentSecurityPolicy({ nonce, dev }: { nonce?: string; dev: boolean }): string {
  const scripts = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : "'self'";
  return [
    "default-src 'self'",
    `script-src ${scripts}${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** 128 random bits, base64: unguessable, and new for every page request. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
