import { expect, test, type Page } from '@playwright/test';

const PAGES = ['/', '/schemes', '/processors', '/processors/new', '/processors/proc_stripe', '/routes', '/routes/proute_eu_cards', '/filters', '/filters/new', '/settings'];

/** How far the page scrolls sideways (0 when it fits the window). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test.describe('narrow screens', () => {
  test('at 1024 px nothing scrolls sideways and the sidebar stays', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    for (const url of PAGES) {
      await page.goto(url);
      expect(await sideways(page), `${url} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Processors' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
    await page.goto('/processors');
    await page.screenshot({ path: test.info().outputPath('processors-1024.png'), fullPage: true });
  });

  test('on a phone the sidebar becomes a menu and pages stay readable', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    const links = page.getByRole('navigation').getByRole('link', { name: 'Processors' });
    await expect(links).toBeHidden();
    await page.screenshot({ path: test.info().outputPath('dashboard-390.png'), fullPage: true });
    await page.getByRole('button', { name: 'Menu' }).click();
    await expect(links).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('menu-390.png') });
    await links.click();
    await expect(page).toHaveURL(/\/processors$/);
    await expect(links).toBeHidden(); // the menu closes on navigation
    await expect(page.locator('nav a[aria-current="page"]')).toHaveText('Processors');
    for (const url of PAGES) {
      await page.goto(url);
      // Wide tables scroll inside their panel; the page itself does not.
      expect(await sideways(page), `${url} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await page.goto('/processors');
    await page.screenshot({ path: test.info().outputPath('processors-390.png'), fullPage: true });
    await page.goto('/filters/new');
    await page.screenshot({ path: test.info().outputPath('filter-form-390.png'), fullPage: true });
  });
});
