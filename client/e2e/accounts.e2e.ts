import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAccessibility, DEMO, emailedLinkFor, keepScreenshot, launchBrowser, newPage, signIn, uniqueEmail, visitStep } from './support';

const PASSWORD = 'correct horse battery staple';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function register(page: Page, person: { name: string; email: string }, organisation?: { kind: 'Public body' | 'Start-up'; name: string }) {
  await page.getByLabel('Full name').fill(person.name);
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  if (organisation) {
    await page.getByLabel(organisation.kind, { exact: true }).check();
    await page.getByLabel('Organisation name').fill(organisation.name);
    await page.getByLabel('Region (optional)').selectOption('YORKSHIRE_AND_THE_HUMBER');
  }
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** Registration answers the same for every email; the account signs in once its emailed link is followed. */
async function confirmEmailAndSignIn(page: Page, email: string, name: string, returnTo?: string) {
  await visitStep(page, `check your email (${name})`, 'Check your email');
  expect(await page.getByText(`We have sent a link to ${email}`).count()).toBe(1);
  await page.goto(await emailedLinkFor(email, 'verify-email'));
  await visitStep(page, `confirm email (${name})`, 'Confirm your email address');
  await page.getByRole('button', { name: 'Confirm email address' }).click();
  await visitStep(page, `email confirmed (${name})`, 'Your email address is confirmed');
  await signIn(page, email, returnTo, PASSWORD);
}

describe('everyone', () => {
  // Three accounts, each registering and then confirming its email: twice an ordinary journey's time.
  it('registers an organisation, edits it, invites two people who join by the link, and signs out', async () => {
    const owner = await newPage(browser);
    const organisationName = `Harrogate Borough ${Date.now()}`;
    await owner.goto('/');
    await owner.getByRole('link', { name: 'Create an account' }).first().click();
    await visitStep(owner, 'register', 'Create an account');
    const ownerEmail = uniqueEmail('owner');
    await register(owner, { name: 'Olu Owner', email: ownerEmail }, { kind: 'Public body', name: organisationName });
    await keepScreenshot(owner, 'everyone-check-your-email');
    await confirmEmailAndSignIn(owner, ownerEmail, 'owner');
    await visitStep(owner, 'home (public body, new)', /Pilot new ideas/);
    expect(await owner.getByText('Signed in as').textContent()).toContain('Olu Owner');

    await owner.getByRole('link', { name: 'Organisation' }).click();
    await visitStep(owner, 'organisation: edit', organisationName);
    expect(await owner.getByText('has not verified this organisation yet').count()).toBe(1);
    await owner.getByLabel('Website (optional)').fill('https://harrogate.example.org');
    await owner.getByLabel('About the organisation (optional)').fill('A borough council trying new ways to run local services.');
    await owner.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => owner.getByText('Your organisation’s details are saved.').count()).toBe(1);

    const colleague = uniqueEmail('colleague');
    const existing = uniqueEmail('existing');
    for (const email of [colleague, existing]) {
      await owner.getByLabel('Email address').fill(email);
      await owner.getByRole('button', { name: 'Send invitation' }).click();
      await expect.poll(() => owner.getByText(`We have emailed an invitation to ${email}.`).count()).toBe(1);
    }
    await checkAccessibility(owner, 'organisation: saved and invited');
    await keepScreenshot(owner, 'everyone-organisation');

    // A newcomer follows the emailed link and creates an account that joins the organisation.
    const newcomer = await newPage(browser);
    await newcomer.goto(await emailedLinkFor(colleague, 'invitations'));
    await visitStep(newcomer, 'invitation (signed out)', `Join ${organisationName}`);
    await newcomer.getByRole('button', { name: 'Create an account to join' }).click();
    await visitStep(newcomer, 'register with invitation', 'Create an account');
    expect(await newcomer.getByLabel('Organisation name').count()).toBe(0);
    await register(newcomer, { name: 'Cai Colleague', email: colleague });
    await confirmEmailAndSignIn(newcomer, colleague, 'invited newcomer', '/organisation');
    await visitStep(newcomer, 'organisation (joined by registering)', organisationName);
    await expect.poll(() => newcomer.getByRole('rowheader', { name: 'Olu Owner' }).count()).toBe(1);

    // Someone with an account of their own accepts while signed in, and then belongs to both.
    const other = await newPage(browser);
    await other.goto('/register');
    await register(other, { name: 'Eve Existing', email: existing }, { kind: 'Start-up', name: `Eve Labs ${Date.now()}` });
    await confirmEmailAndSignIn(other, existing, 'existing');
    await visitStep(other, 'home (start-up, new)', /Pilot new ideas/);
    await other.goto(await emailedLinkFor(existing, 'invitations'));
    await visitStep(other, 'invitation (signed in)', `Join ${organisationName}`);
    await other.getByRole('button', { name: `Accept and join ${organisationName}` }).click();
    await other.waitForURL(/\/organisation$/);
    await expect.poll(() => other.getByLabel('Organisation', { exact: true }).locator('option').allTextContents()).toContain(organisationName);

    await owner.getByRole('button', { name: 'Sign out' }).click();
    await visitStep(owner, 'signed out', 'You have signed out');
    expect(await owner.getByRole('link', { name: 'Sign in' }).count()).toBeGreaterThan(0);
    await owner.goto('/organisation');
    await owner.waitForURL(/\/sign-in\?returnTo=%2Forganisation/);
  }, 180_000);

  it('explains sign-in mistakes with the error summary', async () => {
    const page = await newPage(browser);
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Enter your email address' }).count()).toBe(1);
    expect(await page.title()).toMatch(/^Error: Sign in/);
    await checkAccessibility(page, 'sign in: blank');
    await page.getByLabel('Email address').fill(DEMO.startup);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toMatch(/email|password/i);
    await checkAccessibility(page, 'sign in: wrong password');
  });

  it('works with the keyboard alone: skip link, navigation, sign-in, search and a result', async () => {
    const page = await newPage(browser);
    await page.goto('/');
    await visitStep(page, 'home (keyboard)', /Pilot new ideas/);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');

    const tabTo = async (matches: (element: { tag: string; text: string; label: string }) => boolean) => {
      for (let presses = 0; presses < 40; presses += 1) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null;
          const id = element?.id;
          return {
            tag: element?.tagName.toLowerCase() ?? '',
            text: element?.textContent?.trim() ?? '',
            label: (id && document.querySelector(`label[for="${id}"]`)?.textContent?.trim()) || '',
          };
        });
        if (matches(focused)) return;
      }
      throw new Error('never reached the element with the keyboard');
    };

    await tabTo((element) => element.tag === 'a' && element.text === 'Sign in');
    await page.keyboard.press('Enter');
    await visitStep(page, 'sign in (keyboard)', 'Sign in');
    await tabTo((element) => element.label === 'Email address');
    await page.keyboard.type(DEMO.startup);
    await page.keyboard.press('Tab');
    await page.keyboard.type('pilotline-demo-2026');
    await page.keyboard.press('Enter');
    await visitStep(page, 'home (start-up, keyboard)', /Pilot new ideas/);

    await tabTo((element) => element.tag === 'a' && element.text.startsWith('Find open challenges'));
    await page.keyboard.press('Enter');
    await visitStep(page, 'search (keyboard)', 'Find challenges');
    await tabTo((element) => element.label === 'Search open challenges');
    await page.keyboard.type('care');
    await page.waitForURL(/q=care/);
    await tabTo((element) => element.tag === 'input' && element.label.startsWith('Social care'));
    await page.keyboard.press('Space');
    await page.waitForURL(/sector=SOCIAL_CARE/);
    await tabTo((element) => element.tag === 'a' && element.text.length > 20);
    const title = await page.evaluate(() => document.activeElement?.textContent?.trim());
    await page.keyboard.press('Enter');
    await visitStep(page, 'challenge (keyboard)', title ?? /.+/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    await keepScreenshot(page, 'everyone-keyboard');
  });

  it('returns to sign-in when the session ends, then back to the page the person was on', async () => {
    const page = await newPage(browser);
    await signIn(page, DEMO.startup, '/my/solutions');
    await visitStep(page, 'your solutions', 'Your solutions');
    await page.context().clearCookies();
    await page.getByRole('button', { name: /^Unpublish/ }).first().click();
    await page.waitForURL(/\/sign-in\?returnTo=%2Fmy%2Fsolutions&reason=expired/);
    await visitStep(page, 'sign in (session ended)', 'Sign in');
    expect(await page.getByText('Your session has ended').count()).toBe(1);
    await keepScreenshot(page, 'everyone-session-ended');
    await page.getByLabel('Email address').fill(DEMO.startup);
    await page.getByLabel('Password').fill('pilotline-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/my\/solutions$/);
    await visitStep(page, 'your solutions (again)', 'Your solutions');
  });

  it('meets a friendly forbidden page on a page for another kind of account', async () => {
    const page = await newPage(browser);
    await signIn(page, DEMO.startup, '/review');
    await visitStep(page, 'forbidden: review queue as a start-up', 'You do not have access to this page');
    await keepScreenshot(page, 'everyone-forbidden');
  });
});
