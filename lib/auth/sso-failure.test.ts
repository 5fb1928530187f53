import { describe, expect, it } from 'vitest';
import { REFUSAL_CODE, ssoFailureMessage } from './sso-failure';

describe('why single sign-on did not complete, in words', () => {
  it('names the allowed domain when the provider vouched for another one', () => {
    expect(ssoFailureMessage(REFUSAL_CODE.domain, 'example.com')).toBe('Only example.com addresses may sign in with single sign-on. Ask an admin of this Switchyard if you need an account for another address.');
  });

  it('says so for a disabled account, a password account of the same address, and a cancel at the provider', () => {
    expect(ssoFailureMessage(REFUSAL_CODE.disabled, 'example.com')).toMatch(/disabled/);
    expect(ssoFailureMessage('account not linked', 'example.com')).toMatch(/sign in with the password/);
    expect(ssoFailureMessage('access_denied', null)).toMatch(/cancelled at the provider/);
  });

  it('shows another code only as a short plain word, never text a link could smuggle in', () => {
    expect(ssoFailureMessage('invalid_provider', null)).toBe('Single sign-on did not complete (invalid_provider). Try again, or sign in with a password.');
    expect(ssoFailureMessage('<a href=//evil>click</a>'.repeat(5), null)).not.toMatch(/[<>/]/);
    expect(ssoFailureMessage('', null)).toContain('(no reason given)');
  });
});
