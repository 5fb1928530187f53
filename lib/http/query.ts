/**
 * A request's query parameters by name, or undefined when the URL has none: the decide hot path then
 * skips parsing options it was not given. Takes a full URL or a path (Node's `req.url`).
 */
export function queryOf(url: string | undefined): Record<string, string> | undefined {
  const at = url?.indexOf('?') ?? -1;
  if (at < 0 || at === url!.length - 1) return undefined;
  return Object.fromEntries(new URLSearchParams(url!.slice(at + 1)));
}
