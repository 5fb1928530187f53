import { expect, type Page } from '@playwright/test';

/** The admin the test server creates at start (playwright.config.ts passes these as SWITCHYARD_ADMIN_*). */
export const ADMIN = { email: process.env.E2E_ADMIN_EMAIL!, password: process.env.E2E_ADMIN_PASSWORD! };

/** Where the signed-in admin's cookies are kept for every spec (the "sign in" setup project writes it). */
export const ADMIN_STATE = 'test-results/.auth/admin.json';

/** Signs in through the sign-in page, as a person would, and waits for the page it was sent to. */
export async function signIn(page: Page, user: { email: string; password: string }, next = '/', origin = ''): Promise<void> {
  await page.goto(`${origin}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('signed-in-user')).toContainText(user.email);
}
