import { isRole, ROLES, type Role } from '@/lib/access/roles';

/** OpenID Connect single sign-on, configured by environment variables (see docs/access.md). */
export interface SsoConfig {
  providerId: string;
  /** The button says "Sign in with <name>". */
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Only addresses in this email domain may sign in this way. */
  domain: string;
  /** The role a user signing in for the first time gets. */
  role: Role;
  /** Where the provider sends the browser back: the redirect URI to register there. */
  redirectUri: string;
}

export type SsoConfigResult = { ok: true; config: SsoConfig | null } | { ok: false; problems: string[] };

export const SSO_ENV = {
  issuer: 'SWITCHYARD_SSO_ISSUER',
  clientId: 'SWITCHYARD_SSO_CLIENT_ID',
  clientSecret: 'SWITCHYARD_SSO_CLIENT_SECRET',
  domain: 'SWITCHYARD_SSO_DOMAIN',
  role: 'SWITCHYARD_SSO_ROLE',
  name: 'SWITCHYARD_SSO_NAME',
} as const;

/**
 * No SSO variable set: SSO is off. Some set: all four required ones must be, and valid, and
 * BETTER_AUTH_URL too: the redirect URI registered at the provider is fixed, so the app must not guess
 * its own address from a request (Next.js reports `localhost` to a handler however it was reached).
 */
export function ssoConfigFromEnv(env: NodeJS.ProcessEnv): SsoConfigResult {
  const value = (name: string) => env[name]?.trim() || undefined;
  const issuer = value(SSO_ENV.issuer);
  const clientId = value(SSO_ENV.clientId);
  const clientSecret = value(SSO_ENV.clientSecret);
  const domain = value(SSO_ENV.domain)?.replace(/^@/, '').toLowerCase();
  const role = value(SSO_ENV.role) ?? 'viewer';
  if (!issuer && !clientId && !clientSecret && !domain) return { ok: true, config: null };
  const problems: string[] = [];
  for (const [name, v] of [[SSO_ENV.issuer, issuer], [SSO_ENV.clientId, clientId], [SSO_ENV.clientSecret, clientSecret], [SSO_ENV.domain, domain]] as const) {
    if (!v) problems.push(`${name} is not set`);
  }
  if (issuer && !isHttpsUrl(issuer)) problems.push(`${SSO_ENV.issuer} must be an https:// URL (got "${issuer}")`);
  if (domain && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) problems.push(`${SSO_ENV.domain} must be an email domain such as example.com (got "${domain}")`);
  if (!isRole(role)) problems.push(`${SSO_ENV.role} must be one of ${ROLES.join(', ')} (got "${role}")`);
  const appUrl = value('BETTER_AUTH_URL');
  if (!appUrl) problems.push('BETTER_AUTH_URL (the app\'s public URL) is not set; single sign-on needs it for the redirect URI');
  else if (!isWebUrl(appUrl)) problems.push(`BETTER_AUTH_URL must be an http:// or https:// URL (got "${appUrl}")`);
  if (problems.length > 0 || !issuer || !clientId || !clientSecret || !domain || !isRole(role) || !appUrl) return { ok: false, problems };
  const redirectUri = `${new URL(appUrl).origin}/api/auth/sso/callback/${PROVIDER_ID}`;
  return { ok: true, config: { providerId: PROVIDER_ID, name: value(SSO_ENV.name) ?? 'single sign-on', issuer, clientId, clientSecret, domain, role, redirectUri } };
}

/** better-auth's path for the provider's callback ends in this id (`/api/auth/sso/callback/oidc`). */
const PROVIDER_ID = 'oidc';

function isWebUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}
