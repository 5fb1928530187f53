import { test as setup } from '@playwright/test';
import { ADMIN, ADMIN_STATE, signIn } from './auth';

/** Every spec starts signed in as the admin: this signs in once and keeps the session's cookies. */
setup('sign in as the admin', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.context().storageState({ path: ADMIN_STATE });
});
