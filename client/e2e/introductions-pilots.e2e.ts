import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAccessibility, DEMO, graphqlAs, introduceAsStaff, keepScreenshot, launchBrowser, newPage, signIn, visitStep } from './support';

// Staff introduce the demo public body to the demo start-up twice (through the API: the curation
// board is another journey); the public body accepts one and declines the other, the start-up
// accepts, and both follow the pilot that results.
let browser: Browser;
let publicBody: Page;
let staff: Page;
let startup: Page;
const introduced: { matchId: string; challengeTitle: string }[] = [];
let pilotPath = '';

beforeAll(async () => {
  browser = await launchBrowser();
  [publicBody, staff, startup] = await Promise.all([newPage(browser), newPage(browser), newPage(browser)]);
  await signIn(publicBody, DEMO.publicBody);
  await signIn(staff, DEMO.staff);
  await signIn(startup, DEMO.startup);
  const { challenges } = await graphqlAs(publicBody, '{ challenges(filter: { mine: true, status: OPEN }, first: 20) { edges { node { id title } } } }');
  const { solutions } = await graphqlAs(startup, '{ solutions(filter: { mine: true, status: PUBLISHED }, first: 5) { edges { node { id } } } }');
  const solutionId = solutions.edges[0].node.id as string;
  for (const { node } of challenges.edges as { node: { id: string; title: string } }[]) {
    if (introduced.length === 2) break;
    const matchId = await introduceAsStaff(staff, node.id, solutionId).catch(() => undefined);
    if (matchId) introduced.push({ matchId, challengeTitle: node.title });
  }
  expect(introduced).toHaveLength(2);
});
afterAll(() => browser?.close());

const card = (page: Page, challengeTitle: string) => page.locator('li.app-search-hit', { has: page.getByRole('heading', { name: challengeTitle }) });

describe('introductions and pilots, for a public body and a start-up', () => {
  it('public body: reads why, accepts one introduction and declines the other with a reason', async () => {
    const [accepted, declined] = introduced as [(typeof introduced)[number], (typeof introduced)[number]];
    await publicBody.goto('/');
    await publicBody.getByRole('link', { name: 'Introductions', exact: true }).click();
    await visitStep(publicBody, 'introductions (public body)', 'Introductions');
    const first = card(publicBody, accepted.challengeTitle);
    await first.getByText('Why we introduced you').click();
    await expect.poll(() => first.getByText('Match score').isVisible()).toBe(true);
    expect(await first.getByRole('table', { name: 'What the score is made of' }).count()).toBe(1);
    expect(await first.getByRole('heading', { name: 'Words in common' }).count()).toBe(1);
    await checkAccessibility(publicBody, 'introductions: explanation open');
    await keepScreenshot(publicBody, 'public-body-introductions');

    await first.getByRole('button', { name: 'Accept introduction' }).click();
    await expect.poll(() => first.locator('.govuk-tag').first().textContent()).toBe('Waiting for the start-up');

    const second = card(publicBody, declined.challengeTitle);
    await second.getByRole('button', { name: 'Decline' }).click();
    await second.getByRole('button', { name: 'Decline introduction' }).click();
    await expect.poll(() => second.getByRole('alert').first().textContent()).toContain('Enter why you are declining');
    await checkAccessibility(publicBody, 'introductions: decline needs a reason');
    await second.getByLabel('Why are you declining?').fill('We have a supplier for this already.');
    await second.getByRole('button', { name: 'Decline introduction' }).click();
    await expect.poll(() => second.locator('.govuk-tag').first().textContent()).toBe('Declined');
    expect(await second.locator('.govuk-inset-text').textContent()).toContain('We have a supplier for this already.');
    expect(await second.getByRole('button', { name: 'Decline introduction' }).count()).toBe(0);
  });

  it('start-up: sees its recommended challenges with why, accepts the introduction and opens the pilot', async () => {
    await startup.goto('/');
    await startup.getByRole('link', { name: 'Recommended', exact: true }).click();
    await visitStep(startup, 'recommended challenges', 'Recommended challenges');
    await expect.poll(() => startup.locator('li.app-search-hit').count()).toBeGreaterThan(0);
    await startup.locator('li.app-search-hit').first().getByText('Why this challenge').click();
    expect(await startup.locator('li.app-search-hit').first().getByRole('table', { name: 'What the score is made of' }).count()).toBe(1);
    await checkAccessibility(startup, 'recommended challenges: why open');
    await keepScreenshot(startup, 'startup-recommended');

    const [accepted] = introduced as [(typeof introduced)[number]];
    await startup.getByRole('link', { name: 'Introductions', exact: true }).click();
    await visitStep(startup, 'introductions (start-up)', 'Introductions');
    const mine = card(startup, accepted.challengeTitle);
    expect(await mine.getByText('The public body accepted').count()).toBe(1);
    await mine.getByRole('button', { name: 'Accept introduction' }).click();
    await expect.poll(() => mine.locator('.govuk-tag').first().textContent()).toBe('Accepted');
    await mine.getByRole('button', { name: 'Go to the pilot' }).click();
    await startup.waitForURL(/\/pilots\/\w+$/);
    await visitStep(startup, 'pilot (planning, start-up)', accepted.challengeTitle);
    pilotPath = new URL(startup.url()).pathname;
  });

  it('public body: plans a milestone, flagged when overdue, and starts the pilot', async () => {
    expect(pilotPath).not.toBe('');
    await publicBody.goto('/pilots');
    await visitStep(publicBody, 'pilots (public body)', 'Pilots');
    await publicBody.locator(`a[href="${pilotPath}"]`).click();
    await visitStep(publicBody, 'pilot (planning, public body)', /.+/);
    await publicBody.getByText('Add a milestone').click();
    await publicBody.getByRole('button', { name: 'Add milestone' }).click();
    await expect.poll(() => publicBody.getByRole('alert').first().textContent()).toContain('Enter the milestone');
    await checkAccessibility(publicBody, 'pilot: milestone errors');
    await publicBody.getByLabel('Milestone', { exact: true }).fill('Data sharing agreement signed');
    await publicBody.getByLabel('Deliverable').fill('Signed agreement');
    await publicBody.getByLabel('Done when').fill('Both legal teams sign');
    const lastMonth = new Date(Date.now() - 30 * 86_400_000);
    await publicBody.getByRole('group', { name: 'Due date' }).getByLabel('Day', { exact: true }).fill(String(lastMonth.getUTCDate()));
    await publicBody.getByRole('group', { name: 'Due date' }).getByLabel('Month', { exact: true }).fill(String(lastMonth.getUTCMonth() + 1));
    await publicBody.getByRole('group', { name: 'Due date' }).getByLabel('Year', { exact: true }).fill(String(lastMonth.getUTCFullYear()));
    await publicBody.getByRole('button', { name: 'Add milestone' }).click();
    const row = publicBody.getByRole('row', { name: /Data sharing agreement signed/ });
    await expect.poll(() => row.getByText('Overdue').count()).toBe(1);
    expect(await publicBody.getByText('1 milestone is overdue').count()).toBe(1);
    await publicBody.getByRole('button', { name: 'Start the pilot (go live)' }).click();
    await expect.poll(() => publicBody.locator('h1 ~ p .govuk-tag').first().textContent()).toBe('Live');
    await checkAccessibility(publicBody, 'pilot: live, overdue milestone');
  });

  it('start-up: records a KPI measurement and an update; the public body sees them and marks the milestone done', async () => {
    await startup.goto(pilotPath);
    await visitStep(startup, 'pilot (live, start-up)', /.+/);
    await expect.poll(() => startup.getByRole('button', { name: 'Record measurement' }).count()).toBe(1);
    const kpiName = (await startup.locator('#measurement-kpi option').first().getAttribute('value')) ?? '';
    await startup.getByLabel('Value').fill('42');
    await startup.getByRole('button', { name: 'Record measurement' }).click();
    const table = startup.getByRole('table', { name: `Measurements of ${kpiName}` });
    await expect.poll(() => table.getByRole('cell', { name: /^42 / }).count()).toBe(1);
    await expect.poll(() => startup.locator('p', { hasText: /The latest of one measurement is 42/ }).count()).toBe(1);
    expect(await startup.getByRole('img', { name: `Chart of ${kpiName}` }).count()).toBe(1);

    await startup.getByLabel('Post an update').fill('Kick-off held; first data extract received.');
    await startup.getByRole('button', { name: 'Post update' }).click();
    await expect.poll(() => startup.getByRole('list', { name: 'Updates, newest first' }).getByText('Kick-off held; first data extract received.').count()).toBe(1);
    await checkAccessibility(startup, 'pilot: measurement and update');

    await publicBody.goto(pilotPath);
    await visitStep(publicBody, 'pilot (live, public body)', /.+/);
    await expect.poll(() => publicBody.getByText('Kick-off held; first data extract received.').count()).toBe(1);
    await publicBody.getByRole('row', { name: /Data sharing agreement signed/ }).getByRole('button', { name: /Mark done/ }).click();
    await expect.poll(() => publicBody.getByRole('row', { name: /Data sharing agreement signed/ }).getByText(/^Done /).count()).toBe(1);
    expect(await publicBody.getByText('1 milestone is overdue').count()).toBe(0);
    await checkAccessibility(publicBody, 'pilot: milestone done');
    await keepScreenshot(publicBody, 'pilot');
  });
});
