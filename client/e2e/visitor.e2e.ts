import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAccessibility, keepScreenshot, launchBrowser, newPage, visitStep } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('a visitor, signed out', () => {
  it('searches open challenges as they type, with facets, highlights and the search in the URL', async () => {
    const page = await newPage(browser);
    await page.goto('/');
    await visitStep(page, 'home (signed out)', /Pilot new ideas/);
    await page.getByRole('link', { name: 'Find challenges' }).click();
    await visitStep(page, 'search: everything', 'Find challenges');
    const everything = Number((await page.getByRole('status').filter({ hasText: 'found' }).textContent())?.match(/\d+/)?.[0]);
    expect(everything).toBeGreaterThan(5);
    const count = async () => Number((await page.getByRole('status').filter({ hasText: 'found' }).textContent())?.match(/\d+/)?.[0]);
    await page.getByLabel('Within 3 months').click();
    await page.waitForURL(/closing=90/);
    await expect.poll(count).toBeLessThanOrEqual(everything);
    await page.getByLabel('Any time').click();
    await page.waitForURL((url) => !url.search.includes('closing='));
    await expect.poll(count).toBe(everything);

    await page.getByLabel('Search open challenges').pressSequentially('parking', { delay: 30 });
    await page.waitForURL(/q=parking/);
    await expect.poll(() => page.locator('.app-search-hit mark').count()).toBeGreaterThan(0);
    expect((await page.locator('.app-search-hit mark').first().textContent())?.toLowerCase()).toContain('park');

    // Narrow to the first region that has parking challenges, by its facet count.
    const regions = page.locator('input[name="filter-region"]');
    const labels = await page.locator('input[name="filter-region"] + label').allTextContents();
    const withResults = labels.findIndex((label) => !label.endsWith('(0)'));
    expect(withResults).toBeGreaterThanOrEqual(0);
    const region = await regions.nth(withResults).getAttribute('value');
    const regionLabel = labels[withResults]?.replace(/ \(\d+\)$/, '') ?? '';
    // A click, not check(): the box follows the URL, which updates a moment after the click.
    await regions.nth(withResults).click();
    await page.waitForURL(new RegExp(`region=${region}`));
    await expect.poll(() => page.locator('.app-search-hit').count()).toBeGreaterThan(0);
    await checkAccessibility(page, 'search: parking, one region');
    await keepScreenshot(page, 'visitor-search');

    // Keyword, meaning or both: the choice is in the URL, and meaning finds challenges in other words.
    expect(await page.getByLabel('Both', { exact: true }).isChecked()).toBe(true);
    await page.getByLabel('Keyword', { exact: true }).click();
    await page.waitForURL(/mode=keyword/);
    await page.getByLabel('Meaning', { exact: true }).click();
    await page.waitForURL(/mode=meaning/);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'found' }).textContent()).not.toContain('updating');
    await expect.poll(() => page.locator('.app-search-hit').count()).toBeGreaterThan(0);
    expect(await page.getByText('Search by meaning is not available').count()).toBe(0);
    await checkAccessibility(page, 'search: parking, by meaning');

    // The search state is the URL: opening it afresh shows the same search.
    const url = page.url();
    const again = await newPage(browser);
    await again.goto(url);
    await expect.poll(() => again.getByLabel('Search open challenges').inputValue()).toBe('parking');
    expect(await again.getByLabel(new RegExp(`^${regionLabel}`)).isChecked()).toBe(true);
    expect(await again.getByLabel('Meaning', { exact: true }).isChecked()).toBe(true);
  });

  it('reads a challenge with its published questions and answers', async () => {
    const page = await newPage(browser);
    await page.goto('/challenges?sort=DEADLINE_SOONEST');
    await visitStep(page, 'search: by deadline', 'Find challenges');
    await page.locator('.app-search-hit h2 a').first().click();
    await expect.poll(() => page.getByRole('heading', { name: 'Questions and answers' }).count()).toBe(1);
    await visitStep(page, 'challenge (signed out)', /.+/);
    expect(await page.getByRole('heading', { name: 'Success measures' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Send question' }).count()).toBe(0);
    await keepScreenshot(page, 'visitor-challenge');
  });

  it('meets a friendly page for an unknown address, a hidden challenge and a page for signed-in users', async () => {
    const page = await newPage(browser);
    await page.goto('/no/such/page');
    await visitStep(page, 'not found: unknown route', 'Page not found');
    await page.goto('/challenges/000000000000000000000000');
    await visitStep(page, 'not found: unknown challenge', 'Page not found');
    await keepScreenshot(page, 'visitor-not-found');
    await page.goto('/my/solutions');
    await page.waitForURL(/\/sign-in\?returnTo=%2Fmy%2Fsolutions/);
    await visitStep(page, 'sign in (redirected)', 'Sign in');
  });
});
