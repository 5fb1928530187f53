import { describe, expect, it } from 'vitest';
import { ssoConfigFromEnv } from './sso-config';

const full = {
  SWITCHYARD_SSO_ISSUER: 'https://login.example.com/realms/ops',
  SWITCHYARD_SSO_CLIENT_ID: 'switchyard',
  SWITCHYARD_SSO_CLIENT_SECRET: 'not-a-real-secret',
  SWITCHYARD_SSO_DOMAIN: '@Example.com',
  BETTER_AUTH_URL: 'https://switchyard.example.com/',
} as unknown as NodeJS.ProcessEnv;

describe('single sign-on from the environment', () => {
  it('is off when no variable is set', () => {
    expect(ssoConfigFromEnv({} as NodeJS.ProcessEnv)).toEqual({ ok: true, config: null });
  });

  it('with the four required variables: OIDC, the domain normalised, new users viewers unless said otherwise', () => {
    expect(ssoConfigFromEnv(full)).toEqual({
      ok: true,
      config: { providerId: 'oidc', name: 'single sign-on', issuer: full.SWITCHYARD_SSO_ISSUER, clientId: 'switchyard', clientSecret: 'not-a-real-secret', domain: 'example.com', role: 'viewer', redirectUri: 'https://switchyard.example.com/api/auth/sso/callback/oidc' },
    });
    const named = ssoConfigFromEnv({ ...full, SWITCHYARD_SSO_ROLE: 'editor', SWITCHYARD_SSO_NAME: 'Okta' });
    expect(named.ok && named.config).toMatchObject({ role: 'editor', name: 'Okta' });
  });

  it('a partial or invalid set is off, naming every variable that is wrong', () => {
    const partial = ssoConfigFromEnv({ SWITCHYARD_SSO_ISSUER: 'http://login.example.com', SWITCHYARD_SSO_ROLE: 'owner' } as unknown as NodeJS.ProcessEnv);
    expect(partial.ok).toBe(false);
    expect(!partial.ok && partial.problems).toEqual([
      'SWITCHYARD_SSO_CLIENT_ID is not set',
      'SWITCHYARD_SSO_CLIENT_SECRET is not set',
      'SWITCHYARD_SSO_DOMAIN is not set',
      'SWITCHYARD_SSO_ISSUER must be an https:// URL (got "http://login.example.com")',
      'SWITCHYARD_SSO_ROLE must be one of viewer, editor, publisher, admin (got "owner")',
      'BETTER_AUTH_URL (the app\'s public URL) is not set; single sign-on needs it for the redirect URI',
    ]);
    const badDomain = ssoConfigFromEnv({ ...full, SWITCHYARD_SSO_DOMAIN: 'not a domain' });
    expect(!badDomain.ok && badDomain.problems).toEqual(['SWITCHYARD_SSO_DOMAIN must be an email domain such as example.com (got "not a domain")']);
    const badUrl = ssoConfigFromEnv({ ...full, BETTER_AUTH_URL: 'switchyard.example.com' });
    expect(!badUrl.ok && badUrl.problems).toEqual(['BETTER_AUTH_URL must be an http:// or https:// URL (got "switchyard.example.com")']);
  });
});
