import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { ARTIFACTS_DIR, recordAxe } from './artifacts';

export const DEMO_PASSWORD = 'pilotline-demo-2026';
export const DEMO = {
  publicBody: 'public@demo.pilotline.uk',
  startup: 'startup@demo.pilotline.uk',
  staff: 'staff@demo.pilotline.uk',
} as const;

/** Debian's chromium; playwright launches it with a fresh temporary profile (--user-data-dir) each time. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh browser context (its own cookies) on the test server. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

/**
 * Runs axe on the page as it is now (WCAG 2.0–2.2 A and AA rules), records every violation, and
 * fails on any serious or critical one.
 */
export async function checkAccessibility(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const violations = results.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, nodes: v.nodes.length, help: v.help }));
  recordAxe({ page: name, url: page.url(), violations });
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  expect(blocking, `axe on ${name}`).toEqual([]);
}

/** Waits for the page's heading, scans it with axe, and returns it for further checks. */
export async function visitStep(page: Page, name: string, heading: string | RegExp): Promise<void> {
  await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 }).toMatch(heading);
  await checkAccessibility(page, name);
}

/** Keeps a full-page screenshot of a journey's key page as a test artefact. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(path.join(ARTIFACTS_DIR, 'screenshots'), { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'screenshots', `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, email: string, returnTo?: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(returnTo ? `/sign-in?returnTo=${encodeURIComponent(returnTo)}` : '/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/**
 * The path of the newest link of one kind (`/invitations/…`, `/verify-email/…`) that the server
 * emailed to `email`, read from the mailbox the test SMTP server fills.
 */
export async function emailedLinkFor(email: string, kind: 'invitations' | 'verify-email'): Promise<string> {
  const pattern = new RegExp(`/${kind}/[\\w-]+`);
  let link: string | undefined;
  await expect
    .poll(
      () => {
        const mails = fs
          .readFileSync(inject('mailbox'), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { to: string[]; text: string })
          .filter((mail) => mail.to.includes(email));
        link = mails.map((mail) => mail.text.match(pattern)?.[0]).filter(Boolean).at(-1);
        return link;
      },
      { timeout: 10_000 },
    )
    .toBeTruthy();
  return link as string;
}

export const uniqueEmail = (label: string) => `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.pilotline.test`;

/** Calls the GraphQL API as the person signed in on `page` (the same cookies), for arranging what a journey starts from. */
export async function graphqlAs<T = Record<string, any>>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post('/graphql', { data: { query, variables }, headers: { 'apollo-require-preflight': 'true' } });
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length) throw Object.assign(new Error(body.errors.map((error) => error.message).join('; ')), { code: body.errors[0]?.extensions?.code });
  return body.data as T;
}

/**
 * Staff introduce a challenge and a solution (through the API: the curation board is its own
 * journey), adding the pair by hand or curating the matcher's suggestion of it. Undefined when the
 * pair is already past suggestion.
 */
export async function introduceAsStaff(staff: Page, challengeId: string, solutionId: string): Promise<string | undefined> {
  let matchId: string | undefined;
  try {
    const { addMatch } = await graphqlAs(staff, 'mutation($input: AddMatchInput!) { addMatch(input: $input) { id } }', { input: { challengeId, solutionId } });
    matchId = addMatch.id;
  } catch {
    const { matchQueue } = await graphqlAs(staff, 'query($filter: MatchQueueFilter) { matchQueue(filter: $filter, first: 100) { edges { node { id solution { id } } } } }', {
      filter: { challengeId, statuses: ['SUGGESTED', 'SHORTLISTED'] },
    });
    matchId = matchQueue.edges.find((edge: { node: { solution: { id: string } } }) => edge.node.solution.id === solutionId)?.node.id;
  }
  if (!matchId) return undefined;
  await graphqlAs(staff, 'mutation($input: MatchTransitionInput!) { shortlistMatch(input: $input) { id } }', { input: { matchId } }).catch(() => undefined);
  await graphqlAs(staff, 'mutation($input: MatchTransitionInput!) { introduceMatch(input: $input) { id } }', { input: { matchId } });
  return matchId;
}
