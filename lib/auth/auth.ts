import 'server-only';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { sso } from '@better-auth/sso';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import type { Db } from '@/db/client';
import { accounts, rateLimits, sessions, ssoProviders, users, verifications } from '@/db/schema';
import { clientAddress } from '@/lib/http/client-address';
import { authSecret } from './secret';
import { ssoConfigFromEnv, type SsoConfig } from './sso-config';
import { recordAuthEvent } from './events';
import { DISABLED_REFUSAL, REFUSAL_CODE, ssoDomainRefusal } from './sso-failure';
import { announceBootstrap, bootstrapFirstAdmin, type Bootstrap } from './bootstrap';

/**
 * Sign-in is better-auth's (password hashing, sessions in our database, cookies, throttling, OIDC),
 * not ours: a well-kept library is a smaller risk than home-made crypto and session handling.
 * Accounts are made by admins (the users page, the CLI, first-run setup), never by signing up.
 */
export function createAuth(db: Db, env: NodeJS.ProcessEnv = process.env) {
  const ssoConfig = { config: ssoFrom(env) };
  const baseURL = env.BETTER_AUTH_URL || undefined;
  return betterAuth({
    appName: 'Switchyard',
    // Failed sign-ins are in the audit trail; the library's per-attempt warnings would only repeat them.
    logger: { level: 'error' },
    telemetry: { enabled: false },
    baseURL,
    secret: authSecret(env),
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications, ssoProvider: ssoProviders, rateLimit: rateLimits },
    }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 200 },
    user: {
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: 'viewer', input: false },
        disabled: { type: 'boolean', required: false, defaultValue: false, input: false },
      },
    },
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
    rateLimit: {
      // On in every environment (better-auth enables it only in production by default), in the database
      // so every instance counts the same attempts.
      enabled: true,
      storage: 'database',
      window: 60,
      max: 300,
      customRules: { '/sign-in/email': signInLimit(env) },
    },
    advanced: {
      // httpOnly and SameSite=Lax are better-auth's defaults; Secure (and the __Secure- name) behind https.
      useSecureCookies: baseURL?.startsWith('https://') ?? false,
      ipAddress: { ipAddressHeaders: ['x-forwarded-for', 'x-real-ip'] },
    },
    // Requests that change something must come from this site: BETTER_AUTH_URL's origin when it is set,
    // otherwise the origin the request itself was addressed to (its Host), so a fresh install works as is.
    // With SSO (which needs BETTER_AUTH_URL), the provider's origin too: the sso plugin fetches discovery,
    // token, keys and user info only from trusted origins or public addresses, and a company's provider
    // is often on an internal one.
    trustedOrigins: baseURL ? [new URL(baseURL).origin, ...issuerOrigin(ssoConfig.config)] : (request) => [request ? ownOrigin(request) : null],
    hooks: {
      after: createAuthMiddleware(async (ctx) => {
        const address = ctx.request ? clientAddress(ctx.request.headers) : null;
        if (ctx.path === '/sign-in/email' && ctx.context.returned instanceof APIError) {
          const email = typeof ctx.body?.email === 'string' ? ctx.body.email.slice(0, 200) : '';
          await recordAuthEvent(db, { action: 'sign_in_failed', entityId: email || 'unknown', user: null, address, detail: { email, reason: ctx.context.returned.message } });
        }
      }),
    },
    databaseHooks: {
      user: {
        create: {
          // SSO sign-ins create their user here: only the allowed email domain, with the configured role.
          before: async (user, ctx) => {
            if (!ctx?.path?.startsWith('/sso/')) return;
            if (!ssoConfig.config || !emailInDomain(user.email, ssoConfig.config.domain)) {
              const address = ctx.request ? clientAddress(ctx.request.headers) : null;
              await recordAuthEvent(db, { action: 'sign_in_failed', entityId: user.email.slice(0, 200), user: null, address, detail: { email: user.email.slice(0, 200), via: 'sso', reason: 'email domain not allowed' } });
              // With a code, the sso plugin sends the browser back to the sign-in page (?error=<code>)
              // instead of answering the callback with bare JSON.
              throw new APIError('FORBIDDEN', { code: REFUSAL_CODE.domain, message: ssoDomainRefusal(ssoConfig.config?.domain ?? 'configured') });
            }
            return { data: { ...user, role: ssoConfig.config.role } };
          },
          after: async (user, ctx) => {
            if (ctx?.path?.startsWith('/sso/')) {
              await recordAuthEvent(db, { action: 'create', entity: 'user', entityId: user.id, user: null, detail: { email: user.email, role: user.role, via: 'sso' } });
            }
          },
        },
      },
      session: {
        create: {
          before: async (session) => {
            const [row] = await db.select({ disabled: users.disabled }).from(users).where(eq(users.id, session.userId));
            if (!row || row.disabled) throw new APIError('FORBIDDEN', { code: REFUSAL_CODE.disabled, message: DISABLED_REFUSAL });
          },
          after: async (session, ctx) => {
            const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, session.userId));
            await recordAuthEvent(db, {
              action: 'sign_in',
              entityId: session.userId,
              user: row ? { id: session.userId, email: row.email } : null,
              address: session.ipAddress ?? null,
              detail: { via: ctx?.path?.startsWith('/sso/') ? 'sso' : 'password' },
            });
          },
        },
        delete: {
          // Signing out deletes the session; ending a user's sessions from the users page is audited there.
          after: async (session, ctx) => {
            if (ctx?.path !== '/sign-out') return;
            const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, session.userId));
            const requestHeaders = ctx.request?.headers ?? ctx.headers;
            await recordAuthEvent(db, {
              action: 'sign_out',
              entityId: session.userId,
              user: row ? { id: session.userId, email: row.email } : null,
              address: requestHeaders ? clientAddress(requestHeaders) : null,
            });
          },
        },
      },
    },
    plugins: [
      sso({
        defaultSSO: ssoConfig.config ? [defaultProvider(ssoConfig.config)] : [],
        // Providers come from the environment only: nobody registers one through the API.
        providersLimit: 0,
      }),
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** The SSO configuration in force; a misconfigured one is off and says why in the server log, once. */
export function ssoFrom(env: NodeJS.ProcessEnv = process.env): SsoConfig | null {
  const result = ssoConfigFromEnv(env);
  if (result.ok) return result.config;
  const once = globalThis as unknown as { __switchyardSsoWarned?: boolean };
  if (!once.__switchyardSsoWarned) console.error(`Switchyard: single sign-on is off, its configuration is incomplete: ${result.problems.join('; ')}.`);
  once.__switchyardSsoWarned = true;
  return null;
}

function defaultProvider(config: SsoConfig) {
  return {
    providerId: config.providerId,
    domain: config.domain,
    oidcConfig: {
      issuer: config.issuer,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      discoveryEndpoint: `${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
      pkce: true,
      scopes: ['openid', 'email', 'profile'],
    },
  };
}

function issuerOrigin(config: SsoConfig | null): string[] {
  return config ? [new URL(config.issuer).origin] : [];
}

/** Sign-in attempts per address per minute; SWITCHYARD_SIGN_IN_LIMIT overrides the 10 (tests raise it). */
function signInLimit(env: NodeJS.ProcessEnv) {
  const max = Number(env.SWITCHYARD_SIGN_IN_LIMIT);
  return { window: 60, max: Number.isInteger(max) && max > 0 ? max : 10 };
}

export function emailInDomain(email: string, domain: string): boolean {
  return email.toLowerCase().endsWith(`@${domain.toLowerCase()}`);
}

/** The origin a request was addressed to, as its Host header names it (the proxy in front sets X-Forwarded-Proto). */
function ownOrigin(request: Request): string | null {
  const host = request.headers.get('host');
  if (!host) return null;
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || new URL(request.url).protocol.replace(':', '');
  return `${proto}://${host}`;
}


const holder = globalThis as unknown as { __switchyardAuth?: Promise<Auth>; __switchyardBootstrap?: Bootstrap };

/**
 * The app's one better-auth instance, on the app's one database connection. Made on first use (at
 * server start for the embedded database), which also creates the first admin when none exists.
 */
export function getAuth(): Promise<Auth> {
  holder.__switchyardAuth ??= (async () => {
    const db = await getDb();
    const auth = createAuth(db);
    holder.__switchyardBootstrap = await bootstrapFirstAdmin(db, process.env);
    announceBootstrap(holder.__switchyardBootstrap);
    return auth;
  })().catch((error: unknown) => {
    holder.__switchyardAuth = undefined;
    throw error;
  });
  return holder.__switchyardAuth;
}

/**
 * The credentials this process was given or made itself at start — the demo admin it just created, or
 * SWITCHYARD_ADMIN_EMAIL / _PASSWORD — so the dev server's warm-up can sign in like anyone would and
 * compile the signed-in pages. Null when it knows none (users made some other way).
 */
export async function startCredentials(env: NodeJS.ProcessEnv = process.env): Promise<{ email: string; password: string } | null> {
  const email = env.SWITCHYARD_ADMIN_EMAIL?.trim();
  const password = env.SWITCHYARD_ADMIN_PASSWORD;
  if (email && password) return { email, password };
  if (env.DATABASE_URL) return null; // only the embedded demo makes an admin of its own
  await getAuth();
  const outcome = holder.__switchyardBootstrap;
  return outcome?.kind === 'demo_admin' ? { email: outcome.email, password: outcome.password } : null;
}
