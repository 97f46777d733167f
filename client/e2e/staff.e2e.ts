import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAccessibility, DEMO, keepScreenshot, launchBrowser, newPage, signIn, visitStep } from './support';

// Staff curate the matcher's suggestions for one seeded challenge (Leeds City Council's home-care
// challenge, which the seeds pair with CareCadence Bridge), introduce one, and follow the pilot
// that starts once both sides accept. On a second challenge's board they shortlist in bulk, and
// another staff member's stale board meets the conflict.
const CHALLENGE = 'Finding home care quickly enough to get people home from hospital';
const INTRODUCED = 'CareCadence Bridge';
const SECOND_CHALLENGE = 'Reduce missed bin collections and the calls they generate';

// Server round trips on a loaded machine: bulk moves of twenty matches take a few seconds.
const WAIT = { timeout: 15_000 };

let browser: Browser;
let staff: Page;
let otherStaff: Page;
let publicBody: Page;
let startup: Page;
let boardPath = '';

/** A GraphQL call with the page's session cookie, for what the other sides do outside these pages. */
async function graphqlAs<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post('/graphql', { data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '));
  return body.data as T;
}

const card = (page: Page, column: string, name: string) =>
  page.getByRole('region', { name: new RegExp(`^${column}`) }).getByRole('article', { name, exact: true });

/** Moves a card with the keyboard only: focus its "Move to…" select, pick with the arrow keys, tab to Move, press Enter. */
async function moveWithKeyboard(page: Page, name: string, target: string, reason?: string) {
  const select = page.getByLabel(`Move to… (moves ${name})`, { exact: true });
  await select.focus();
  await select.selectOption({ label: target });
  if (reason) {
    await page.keyboard.press('Tab');
    await page.getByLabel(`Reason for rejecting ${name}`).selectOption({ label: reason });
  }
  await page.getByRole('button', { name: `Move ${name}`, exact: true }).focus();
  await page.keyboard.press('Enter');
}

beforeAll(async () => {
  browser = await launchBrowser();
  [staff, otherStaff, publicBody, startup] = await Promise.all([newPage(browser), newPage(browser), newPage(browser), newPage(browser)]);
  await signIn(staff, DEMO.staff);
  await signIn(otherStaff, DEMO.staff);
  await signIn(publicBody, DEMO.publicBody);
  await signIn(startup, DEMO.startup);
});
afterAll(() => browser?.close());

describe('staff', () => {
  it('curates a challenge on the board with the keyboard: runs the matcher, shortlists, rejects with a reason, introduces', async () => {
    await staff.getByRole('link', { name: 'Curation', exact: true }).click();
    await visitStep(staff, 'curation queue (empty)', 'Curation queue');
    await staff.getByLabel('Open the board of a challenge').selectOption({ label: `${CHALLENGE} (Leeds City Council)` });
    await staff.getByRole('button', { name: 'Open board' }).click();
    await visitStep(staff, 'curation board (before the matcher)', `Curate matches: ${CHALLENGE}`);
    boardPath = new URL(staff.url()).pathname;

    await staff.getByRole('button', { name: 'Run the matcher now' }).click();
    await expect.poll(() => staff.getByText(/The matcher scored \d+ solutions and suggested \d+/).count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => card(staff, 'Suggested', INTRODUCED).count(), WAIT).toBe(1);
    const suggestedNames = await staff.getByRole('region', { name: /^Suggested/ }).getByRole('heading', { level: 3 }).allTextContents();
    expect(suggestedNames.length).toBeGreaterThanOrEqual(3);
    const others = suggestedNames.filter((name) => name !== INTRODUCED);

    // The explanation: each feature's part, matched terms and the checks passed.
    const bridge = card(staff, 'Suggested', INTRODUCED);
    await bridge.getByText('Why this score').click();
    await expect.poll(() => bridge.getByRole('table', { name: 'What the score is made of' }).count(), WAIT).toBe(1);
    expect(await bridge.getByRole('heading', { name: 'Words in common' }).count()).toBe(1);
    expect(await bridge.getByRole('heading', { name: 'Requirements' }).count()).toBe(1);
    await checkAccessibility(staff, 'curation board (suggestions, explanation open)');

    // Shortlist with the keyboard: the card lands in Shortlisted and keeps the focus.
    await moveWithKeyboard(staff, INTRODUCED, 'Shortlisted');
    await expect.poll(() => card(staff, 'Shortlisted', INTRODUCED).count(), WAIT).toBe(1);
    await expect.poll(() => staff.evaluate(() => document.activeElement?.textContent), WAIT).toBe(INTRODUCED);

    // Rejecting needs a reason: without one, the error summary says so and links to the field.
    const rejected = others[0] as string;
    await staff.getByLabel(`Move to… (moves ${rejected})`, { exact: true }).selectOption({ label: 'Rejected' });
    await staff.getByRole('button', { name: `Move ${rejected}`, exact: true }).click();
    const summary = staff.locator('.govuk-error-summary');
    await expect.poll(() => summary.textContent(), WAIT).toContain(`Choose why ${rejected} is rejected`);
    await checkAccessibility(staff, 'curation board (error summary)');
    await moveWithKeyboard(staff, rejected, 'Rejected', 'Not mature enough');
    await expect.poll(() => card(staff, 'Rejected', rejected).count(), WAIT).toBe(1);
    expect(await card(staff, 'Rejected', rejected).getByText('Rejected: Not mature enough').count()).toBe(1);

    // A private note, then the introduction.
    const shortlisted = card(staff, 'Shortlisted', INTRODUCED);
    await shortlisted.getByText(/Private staff notes/).click();
    await shortlisted.getByLabel('Add a note only staff can see').fill('Strong fit: already brokers hospital discharge in Yorkshire.');
    await shortlisted.getByRole('button', { name: 'Save note' }).click();
    await expect.poll(() => shortlisted.getByText(/Strong fit: already brokers/).count(), WAIT).toBe(1);
    await moveWithKeyboard(staff, INTRODUCED, 'Introduced to both sides');
    await expect.poll(() => card(staff, 'Introduced', INTRODUCED).count(), WAIT).toBe(1);
    await checkAccessibility(staff, 'curation board (introduced)');
    await keepScreenshot(staff, 'staff-curation-board');
  });

  it('bulk-shortlists on a second board; a stale board that moves the same match is told and refreshed', async () => {
    await staff.goto('/curation');
    await visitStep(staff, 'curation queue (after the first board)', 'Curation queue');
    await staff.getByLabel('Open the board of a challenge').selectOption({ label: `${SECOND_CHALLENGE} (Leeds City Council)` });
    await staff.getByRole('button', { name: 'Open board' }).click();
    await visitStep(staff, 'curation board (second challenge)', `Curate matches: ${SECOND_CHALLENGE}`);
    await staff.getByRole('button', { name: 'Run the matcher now' }).click();
    await expect.poll(() => staff.getByText(/The matcher scored \d+ solutions/).count(), { timeout: 60_000 }).toBe(1);
    const suggestedHeadings = staff.getByRole('region', { name: /^Suggested/ }).getByRole('heading', { level: 3 });
    await expect.poll(() => suggestedHeadings.count(), WAIT).toBeGreaterThanOrEqual(2);
    const suggested = await suggestedHeadings.allTextContents();

    // A second staff member opens the same board before the bulk move.
    await otherStaff.goto(new URL(staff.url()).pathname);
    await visitStep(otherStaff, 'curation board (second staff member)', `Curate matches: ${SECOND_CHALLENGE}`);
    const contested = suggested[0] as string;
    await expect.poll(() => card(otherStaff, 'Suggested', contested).count(), WAIT).toBe(1);

    for (const name of suggested) await staff.getByLabel(`Select ${name} for a bulk action`).check();
    await expect.poll(() => staff.getByRole('heading', { name: `Bulk actions: ${suggested.length} matches selected` }).count(), WAIT).toBe(1);
    await staff.getByRole('button', { name: 'Shortlist selected' }).click();
    await expect.poll(() => staff.getByText(`${suggested.length} matches shortlisted.`).count(), WAIT).toBeGreaterThanOrEqual(1);
    for (const name of suggested) await expect.poll(() => card(staff, 'Shortlisted', name).count(), WAIT).toBe(1);

    // The second board still shows `contested` as suggested; moving it there meets the first move.
    await moveWithKeyboard(otherStaff, contested, 'Rejected', 'Duplicate of another match');
    const summary = otherStaff.locator('.govuk-error-summary');
    await expect.poll(() => summary.textContent(), WAIT).toContain(`Someone else moved ${contested} while you were looking: it is now Shortlisted`);
    await expect.poll(() => card(otherStaff, 'Shortlisted', contested).count(), WAIT).toBe(1);
    await checkAccessibility(otherStaff, 'curation board (conflict explained)');
    await keepScreenshot(otherStaff, 'staff-curation-conflict');
  });

  it('filters the queue across challenges and rejects in bulk with a reason', async () => {
    await staff.goto('/curation');
    await visitStep(staff, 'curation queue', 'Curation queue');
    await staff.getByLabel('Shortlisted', { exact: true }).check();
    await staff.getByRole('button', { name: 'Apply filters' }).click();
    await staff.waitForURL(/status=SHORTLISTED/);
    await expect.poll(() => staff.getByRole('status').first().textContent(), WAIT).toMatch(/^\d+ match/);
    const rows = staff.getByRole('table', { name: 'Matches to curate' }).locator('tbody tr');
    await expect.poll(() => rows.count(), WAIT).toBeGreaterThanOrEqual(2);
    expect(await rows.locator('.govuk-tag', { hasText: 'Shortlisted' }).count()).toBe(await rows.count());
    const scores = (await rows.locator('td:nth-child(2)').allTextContents()).map((text) => Number.parseInt(text, 10));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    // Sort by solution name and back: the table says which way it is sorted.
    await staff.getByRole('button', { name: 'Solution', exact: true }).click();
    expect(await staff.locator('th[aria-sort="ascending"]').textContent()).toBe('Solution');
    await checkAccessibility(staff, 'curation queue (filtered, sorted)');
    await keepScreenshot(staff, 'staff-curation-queue');

    const target = (await rows.locator('td:nth-child(3) strong').allTextContents()).find((name) => name !== INTRODUCED) as string;
    await staff.getByLabel(new RegExp(`^Select ${target} for `)).first().check();
    await staff.getByRole('button', { name: 'Reject selected' }).click();
    await expect.poll(() => staff.locator('.govuk-error-summary').textContent(), WAIT).toContain('Choose why the selected matches are rejected');
    await staff.getByLabel('Reason for rejecting').selectOption({ label: 'Evidence too weak' });
    await staff.getByRole('button', { name: 'Reject selected' }).click();
    await expect.poll(() => staff.getByText('1 match rejected.').count(), WAIT).toBe(1);
    await checkAccessibility(staff, 'curation queue (after a bulk reject)');
  });

  it('sees the pilot on the pilots board once both sides accept the introduction, and opens it', async () => {
    const { matchQueue } = await graphqlAs<{ matchQueue: { edges: { node: { id: string; solution: { name: string } } }[] } }>(
      staff,
      `query($challengeId: ID!) { matchQueue(filter: { challengeId: $challengeId, statuses: [INTRODUCED] }) { edges { node { id solution { name } } } } }`,
      { challengeId: boardPath.split('/').at(-1) },
    );
    const match = matchQueue.edges.find((edge) => edge.node.solution.name === INTRODUCED)?.node;
    expect(match).toBeDefined();
    const accept = `mutation($id: ID!) { acceptMatch(input: { matchId: $id }) { status } }`;
    await graphqlAs(publicBody, accept, { id: match?.id });
    await graphqlAs(startup, accept, { id: match?.id });
    const { startPilot } = await graphqlAs<{ startPilot: { id: string } }>(staff, `mutation($id: ID!) { startPilot(input: { matchId: $id }) { id } }`, { id: match?.id });

    await staff.getByRole('link', { name: 'Pilots board', exact: true }).click();
    await visitStep(staff, 'pilots board', 'Pilots board');
    const planning = staff.getByRole('region', { name: /^Planning/ });
    const link = planning.getByRole('link', { name: `${INTRODUCED} at Leeds City Council` });
    await expect.poll(() => link.count(), WAIT).toBe(1);
    expect(await link.getAttribute('href')).toBe(`/pilots/${startPilot.id}`);
    await checkAccessibility(staff, 'pilots board (with the new pilot)');
    await keepScreenshot(staff, 'staff-pilots-board');
    await link.click();
    await visitStep(staff, 'pilot (staff, from the pilots board)', CHALLENGE);
  });

  it('reads the dashboard funnel as a chart, a table and a summary, and narrows it to a sector', async () => {
    await staff.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await visitStep(staff, 'dashboard', 'Dashboard');
    const funnel = staff.getByRole('img', { name: /From challenge to adoption/ });
    await expect.poll(() => funnel.count(), WAIT).toBe(1);
    const table = staff.getByRole('table', { name: 'The funnel as a table' });
    expect(await table.locator('tbody tr').count()).toBe(8);
    const published = Number(await table.getByRole('row', { name: /Challenges published/ }).locator('td').first().textContent());
    expect(published).toBeGreaterThan(0);
    const suggestions = Number(await table.getByRole('row', { name: /Suggested matches/ }).locator('td').first().textContent());
    expect(suggestions).toBeGreaterThanOrEqual(20);
    expect(await staff.getByText(new RegExp(`^${published} challenges published led to`)).count()).toBe(1);
    await keepScreenshot(staff, 'staff-dashboard');

    // The CSV downloads: staff get the file, a start-up is refused.
    for (const kind of ['Challenges', 'Matches', 'Pilots']) {
      const href = (await staff.getByRole('link', { name: `${kind} (CSV)` }).getAttribute('href')) as string;
      const download = await staff.request.get(href);
      expect(download.status()).toBe(200);
      expect(download.headers()['content-type']).toContain('text/csv');
      expect((await download.text()).split('\r\n')[0]).toMatch(/^id,/);
      expect((await startup.request.get(href)).status()).toBe(403);
    }

    await staff.getByLabel('Published from').fill('2030-01-02');
    await staff.getByLabel('Published up to').fill('2030-01-01');
    await staff.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => staff.locator('.govuk-error-summary').textContent(), WAIT).toContain('The last day must be on or after the first day');
    await checkAccessibility(staff, 'dashboard (error summary)');

    await staff.getByLabel('Published from').fill('');
    await staff.getByLabel('Published up to').fill('');
    await staff.getByLabel('Sector').selectOption({ label: 'Social care' });
    await staff.getByRole('button', { name: 'Show' }).click();
    await staff.waitForURL(/sector=SOCIAL_CARE/);
    await expect.poll(() => staff.getByText(/Figures for challenges published in social care/).count(), WAIT).toBe(1);
    await expect
      .poll(async () => Number(await table.getByRole('row', { name: /Challenges published/ }).locator('td').first().textContent()), WAIT)
      .toBeLessThan(published);
    await checkAccessibility(staff, 'dashboard (one sector)');
  });

  it('reads the fairness view: who the matcher puts forward, as a chart, a table and a summary', async () => {
    await staff.goto('/dashboard');
    await visitStep(staff, 'dashboard (again)', 'Dashboard');
    await staff.getByRole('link', { name: 'See the fairness view' }).click();
    await visitStep(staff, 'fairness view', 'Fairness of suggestions');
    await expect.poll(() => staff.getByRole('img', { name: /Share of suggestions/ }).count(), WAIT).toBe(1);
    const rows = staff.getByRole('table', { name: 'Start-ups suggested, most suggested first' }).locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(1);
    expect(await staff.getByText(/start-ups were suggested at least once and \d+ never were/).count()).toBe(1);
    await keepScreenshot(staff, 'staff-fairness');
  });

  it('keeps the staff pages from everyone else', async () => {
    for (const path of ['/curation', boardPath, '/pilots-board', '/dashboard', '/dashboard/fairness']) {
      await startup.goto(path);
      await visitStep(startup, `forbidden: ${path} (start-up)`, /do not have access/);
    }
  });
});
