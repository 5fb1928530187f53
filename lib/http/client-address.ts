/**
 * The client's address as the request tells it: the first hop of X-Forwarded-For, else X-Real-IP.
 * Both are set by the proxy in front of the app, so this is what the audit trail records, not proof.
 */
export function clientAddress(headers: { get(name: string): string | null }): string | null {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded) return forwarded.slice(0, 100);
  return headers.get('x-real-ip')?.trim().slice(0, 100) || null;
}
