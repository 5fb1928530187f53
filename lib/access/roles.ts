/**
 * Roles, from least to most: each may do everything the one before it may.
 * viewer: read, dry-run, simulate · editor: + drafts, processors, routes, filters, test cases, attributes ·
 * publisher: + publish, activate, roll back, approve · admin: + users, API keys, settings, sessions.
 */
export const ROLES = ['viewer', 'editor', 'publisher', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Whether `role` may do what `needed` may. */
export const roleAllows = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed);

export const ROLE_LABELS: Record<Role, string> = {
  viewer: 'Viewer',
  editor: 'Editor',
  publisher: 'Publisher',
  admin: 'Admin',
};

/** What each role adds to the one before it, in the words the users page shows. */
export const ROLE_ADDS: Record<Role, string> = {
  viewer: 'reads everything, dry-runs, runs simulations',
  editor: 'edits drafts, processors, routes, filters, test cases and custom attributes',
  publisher: 'publishes, activates, rolls back, approves four-eyes requests',
  admin: 'manages users and roles, API keys, settings and sessions',
};

/**
 * The least role each operator page needs (longest matching prefix wins). Every other page needs a
 * signed-in user of any role. Checked for every request by the proxy, the one guard for page reads.
 */
const PAGE_ROLES: readonly (readonly [prefix: string, role: Role])[] = [
  ['/settings/users', 'admin'],
  ['/settings/api-keys', 'admin'],
  ['/audit', 'publisher'],
];

export function pageRole(pathname: string): Role {
  let best: readonly [string, Role] | undefined;
  for (const entry of PAGE_ROLES) {
    const [prefix] = entry;
    if ((pathname === prefix || pathname.startsWith(`${prefix}/`)) && (!best || prefix.length > best[0].length)) best = entry;
  }
  return best?.[1] ?? 'viewer';
}

/** Pages anyone may open: signing in and creating the first admin. */
export const PUBLIC_PAGES: readonly string[] = ['/sign-in', '/setup'];

/**
 * The least role a refused page needs, set by the proxy on the request it rewrites to /forbidden, where
 * the 403 page (app/forbidden.tsx, which takes no props) names it.
 */
export const NEEDED_ROLE_HEADER = 'x-switchyard-needed-role';
