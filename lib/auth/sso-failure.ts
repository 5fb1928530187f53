/**
 * Why a single sign-on did not end signed in, in words for the sign-in page. better-auth sends the
 * browser back to the sign-in page with `?error=<code>`; the words are ours, chosen by the code, so
 * nothing a link carries is shown as text.
 */
export const REFUSAL_CODE = {
  /** Our user hook: the provider vouched for an address outside SWITCHYARD_SSO_DOMAIN. */
  domain: 'SSO_DOMAIN_NOT_ALLOWED',
  /** Our session hook: the user exists but an admin disabled them. */
  disabled: 'ACCOUNT_DISABLED',
} as const;

export function ssoDomainRefusal(domain: string): string {
  return `Only ${domain} addresses may sign in with single sign-on. Ask an admin of this Switchyard if you need an account for another address.`;
}

export const DISABLED_REFUSAL = 'This account is disabled. Ask an admin to enable it.';

export function ssoFailureMessage(code: string, domain: string | null): string {
  switch (code.toLowerCase().replace(/[\s-]+/g, '_')) {
    case 'sso_domain_not_allowed':
      return domain ? ssoDomainRefusal(domain) : 'Your address may not sign in with single sign-on.';
    case 'account_disabled':
      return DISABLED_REFUSAL;
    // better-auth links a provider's account only to a user it created itself.
    case 'account_not_linked':
      return 'This address already has a Switchyard account with a password: sign in with the password. Single sign-on is only for accounts it created.';
    case 'access_denied':
      return 'Single sign-on was cancelled at the provider. Try again, or sign in with a password.';
    default:
      return `Single sign-on did not complete (${code.replace(/[^\w .-]/g, '').slice(0, 60) || 'no reason given'}). Try again, or sign in with a password.`;
  }
}
