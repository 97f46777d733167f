import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAccessibility, DEMO, graphqlAs, keepScreenshot, launchBrowser, newPage, signIn, visitStep } from './support';
import { qualifyingChallengeInput, qualifyingResponseInput } from '../../test/testkit/qualifying-challenge';

// A start-up responds to a new challenge of the demo public body. The response's notification is
// delivered through the domain events while the worker may still be taking the demo data's backlog
// through the matcher (its own lane, so it delays no notification); the header's unread badge
// counts it until it is read.
let browser: Browser;
let publicBody: Page;
let staff: Page;
let startup: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  [publicBody, staff, startup] = await Promise.all([newPage(browser), newPage(browser), newPage(browser)]);
  await Promise.all([signIn(publicBody, DEMO.publicBody), signIn(staff, DEMO.staff), signIn(startup, DEMO.startup)]);
});
afterAll(() => browser?.close());

const TRANSITION = (name: string) => `mutation($input: ChallengeTransitionInput!) { ${name}(input: $input) { id version } }`;

/**
 * The public body posts a challenge the start-up's first solution qualifies for, staff publish it
 * and the start-up responds, all through the API (the marketplace journey takes these steps in the
 * browser). Returns the challenge's title.
 */
async function startupResponds(): Promise<string> {
  const title = `Fewer missed home-care visits ${Date.now()}`;
  const { viewer } = await graphqlAs(publicBody, '{ viewer { organisations { organisation { id kind } } } }');
  const organisationId = viewer.organisations.find((membership: { organisation: { kind: string } }) => membership.organisation.kind === 'PUBLIC_BODY').organisation.id;
  const { solutions } = await graphqlAs(startup, '{ solutions(filter: { mine: true, status: PUBLISHED }, first: 1) { edges { node { id trl regionsServed } } } }');
  const solution = solutions.edges[0].node;
  const { createChallenge } = await graphqlAs(publicBody, 'mutation($input: CreateChallengeInput!) { createChallenge(input: $input) { id version } }', {
    input: qualifyingChallengeInput(organisationId, solution, title),
  });
  const { submitChallenge } = await graphqlAs(publicBody, TRANSITION('submitChallenge'), { input: { challengeId: createChallenge.id, expectedVersion: createChallenge.version } });
  await graphqlAs(staff, TRANSITION('publishChallenge'), { input: { challengeId: submitChallenge.id, expectedVersion: submitChallenge.version } });
  await graphqlAs(startup, 'mutation($input: SubmitResponseInput!) { submitResponse(input: $input) { id } }', {
    input: qualifyingResponseInput(createChallenge.id, solution.id),
  });
  return title;
}

const badge = (page: Page) => page.getByRole('link', { name: /^Notifications \d+ unread$/ });
const badgeCount = async (page: Page) => ((await badge(page).count()) === 0 ? 0 : Number((await badge(page).textContent())?.match(/\d+/)?.[0]));
const unreadCount = async (page: Page) => Number((await page.getByRole('status').filter({ hasText: 'unread' }).textContent())?.match(/\d+/)?.[0]);
/** Delivery runs in the worker, behind whatever it has not delivered yet: generous, since the machine may be loaded. */
const DELIVERY = { timeout: 180_000, interval: 1_000 };
/** How long the page may take to show what the API already holds. */
const PAGE = { timeout: 15_000 };

describe('notifications', () => {
  it('public body: a start-up’s response raises the unread badge, is on the notifications page, and reading it clears it', async () => {
    await publicBody.goto('/');
    await visitStep(publicBody, 'home', /\S/);
    const before = await badgeCount(publicBody);
    const title = await startupResponds();
    await publicBody.getByRole('link', { name: /^Notifications/ }).click();
    await visitStep(publicBody, 'notifications', 'Notifications');
    const delivered = publicBody.locator('li.app-notification--unread').filter({ hasText: `New response to "${title}"` });
    // The page asks once when it opens, so it is opened again until the worker has delivered this one.
    await expect
      .poll(async () => {
        if ((await delivered.count()) === 0) await publicBody.reload();
        return delivered.count();
      }, DELIVERY)
      .toBe(1);
    await visitStep(publicBody, 'notifications: the response delivered', 'Notifications');
    await expect.poll(() => badgeCount(publicBody), PAGE).toBeGreaterThan(before);
    await expect.poll(async () => (await badgeCount(publicBody)) === (await unreadCount(publicBody)), PAGE).toBe(true);
    await keepScreenshot(publicBody, 'notifications');

    const unreadBefore = await unreadCount(publicBody);
    await delivered.getByRole('button', { name: /Mark as read/ }).click();
    await expect.poll(() => delivered.count(), PAGE).toBe(0);
    await expect.poll(() => publicBody.locator('li.app-notification').filter({ hasText: `New response to "${title}"` }).count(), PAGE).toBe(1);
    await expect.poll(() => unreadCount(publicBody), PAGE).toBe(unreadBefore - 1);
    await expect.poll(() => badgeCount(publicBody), PAGE).toBe(unreadBefore - 1);
    await checkAccessibility(publicBody, 'notifications: one marked read');

    await publicBody.getByLabel('Show unread only').click();
    await publicBody.waitForURL(/show=unread/);
    await checkAccessibility(publicBody, 'notifications: unread only');
    if ((await publicBody.getByRole('button', { name: 'Mark all as read' }).count()) > 0) await publicBody.getByRole('button', { name: 'Mark all as read' }).click();
    await expect.poll(() => publicBody.getByText('You have no unread notifications.').count(), PAGE).toBe(1);
    await expect.poll(() => badgeCount(publicBody), PAGE).toBe(0);
  }, 300_000);

  it('public body: turns one kind of notification off, and the choice stays', async () => {
    await publicBody.goto('/notifications');
    await publicBody.getByRole('link', { name: 'Choose which notifications you get, and how' }).click();
    await visitStep(publicBody, 'notification settings', 'Notification settings');
    const kpis = publicBody.getByRole('group', { name: 'A KPI measurement is recorded on a pilot' });
    expect(await kpis.getByLabel('At once').isChecked()).toBe(true);
    await kpis.getByLabel('Off').click();
    await publicBody.getByRole('group', { name: 'A pilot milestone is overdue' }).getByLabel('Daily email').click();
    await publicBody.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => publicBody.getByText('Your notification settings are saved').count()).toBe(1);
    await checkAccessibility(publicBody, 'notification settings: saved');
    await publicBody.reload();
    await expect.poll(() => publicBody.getByRole('group', { name: 'A KPI measurement is recorded on a pilot' }).getByLabel('Off').isChecked()).toBe(true);
    expect(await publicBody.getByRole('group', { name: 'A pilot milestone is overdue' }).getByLabel('Daily email').isChecked()).toBe(true);
  });
});
