import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAccessibility, DEMO, keepScreenshot, launchBrowser, newPage, signIn, visitStep } from './support';

// One challenge's way through the marketplace, each role in its own browser context:
// a public body drafts and submits it, staff return it and then publish it, a start-up manages a
// solution, asks a question and responds, and the public body reads the response and answers.
const stamp = Date.now();
const title = `Predict missed bin collections ${stamp}`;
const solutionName = `BinBrain draft ${stamp}`;
let browser: Browser;
let publicBody: Page;
let staff: Page;
let startup: Page;
let challengePath = '';

beforeAll(async () => {
  browser = await launchBrowser();
  publicBody = await newPage(browser);
  staff = await newPage(browser);
  startup = await newPage(browser);
  await signIn(publicBody, DEMO.publicBody);
  await signIn(staff, DEMO.staff);
  await signIn(startup, DEMO.startup);
});
afterAll(() => browser?.close());

async function status(page: Page) {
  return page.locator('h1 ~ p .govuk-tag').first().textContent();
}

describe('a public body, staff and a start-up', () => {
  it('public body: drafts a challenge in the guided form, fixing what the error summary points to, and submits it', async () => {
    const page = publicBody;
    await page.getByRole('link', { name: 'Our challenges', exact: true }).click();
    await visitStep(page, 'our challenges', 'Your challenges');
    await page.getByRole('button', { name: 'Post a new challenge' }).click();
    await visitStep(page, 'challenge form', 'Post a challenge');

    await page.getByRole('button', { name: 'Save as draft' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Enter a title' }).count()).toBe(1);
    await checkAccessibility(page, 'challenge form: blank, error summary');
    await keepScreenshot(page, 'public-body-error-summary');

    // The summary is focused; its link takes the keyboard to the field, which keeps focus while the person types.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    await page.getByRole('link', { name: 'Enter a title' }).press('Enter');
    await page.keyboard.type(title);
    expect(await page.getByLabel('Title', { exact: true }).evaluate((field) => field === document.activeElement)).toBe(true);
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(title);
    await page.getByLabel('Summary', { exact: true }).fill('Residents report missed bins every week; we want to predict them and send crews back the same day.');
    await page.getByLabel('What is the problem?').fill('Crews miss streets when routes change at short notice and nobody tells them in time.');
    await page.getByLabel('Why does it matter?').fill('Missed bins cause complaints, fly-tipping and costly extra trips for our crews.');
    await page.getByLabel('How could a partner work with you?').fill('We can share two years of route, vehicle tracking and complaint data under a data sharing agreement.');
    await page.getByLabel('Waste and recycling').check();
    await page.getByLabel('Region', { exact: true }).selectOption('YORKSHIRE_AND_THE_HUMBER');
    await page.getByLabel('Minimum budget, in pounds').fill('20000');
    await page.getByLabel('Maximum budget, in pounds').fill('80000');
    await page.getByLabel('Pilot length, in weeks').fill('12');
    await page.getByLabel('Day', { exact: true }).fill('30');
    await page.getByLabel('Month', { exact: true }).fill('6');
    await page.getByLabel('Year', { exact: true }).fill(String(new Date().getFullYear() + 1));
    await page.getByLabel('Minimum technology readiness level').selectOption('3');
    await page.getByLabel('What it counts').fill('Missed collections');
    await page.getByLabel('Unit', { exact: true }).fill('per week');
    await page.getByLabel('Today (baseline)').fill('120');
    // Fewer missed bins is better, so a target above today's number breaks the server's KPI rule.
    await page.getByLabel('Target', { exact: true }).fill('150');
    await page.getByRole('radio', { name: 'Decrease' }).check();
    await page.getByRole('button', { name: 'Save as draft' }).click();

    const serverError = page.getByRole('link', { name: /Measure 1 target must be below the baseline/ });
    await expect.poll(() => serverError.count()).toBe(1);
    expect(await page.locator('#f-kpis-0-target-error').textContent()).toContain('must be below the baseline');
    await checkAccessibility(page, 'challenge form: server error on a field');
    await serverError.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-kpis-0-target');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('60');
    await page.getByRole('button', { name: 'Save as draft' }).click();

    await visitStep(page, 'challenge: draft', title);
    challengePath = new URL(page.url()).pathname;
    expect(await status(page)).toBe('Draft');
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => status(page)).toBe('In review');
    await checkAccessibility(page, 'challenge: submitted');
  });

  it('staff: return the challenge with feedback from the review queue, then publish the revised one', async () => {
    await staff.getByRole('link', { name: 'Review queue', exact: true }).click();
    await visitStep(staff, 'review queue', 'Challenges waiting for review');
    await keepScreenshot(staff, 'staff-review-queue');
    await staff.getByRole('link', { name: title }).click();
    await visitStep(staff, 'challenge: in review (staff)', title);
    await staff.getByLabel('Return with feedback').fill('Please add the number of households affected to the why section.');
    await staff.getByRole('button', { name: 'Return to the public body' }).click();
    await expect.poll(() => status(staff)).toBe('Draft');

    await publicBody.reload();
    await visitStep(publicBody, 'challenge: returned with feedback', title);
    expect(await publicBody.getByText('Please add the number of households affected').count()).toBe(1);
    await publicBody.getByRole('button', { name: 'Edit the draft' }).click();
    await visitStep(publicBody, 'challenge form: edit', 'Edit your challenge');
    await publicBody.getByLabel('Why does it matter?').fill('About 4,000 households a week are affected: missed bins cause complaints, fly-tipping and extra trips.');
    await publicBody.getByRole('button', { name: 'Save changes' }).click();
    await visitStep(publicBody, 'challenge: edited draft', title);
    await publicBody.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => status(publicBody)).toBe('In review');

    await staff.goto('/review');
    await visitStep(staff, 'review queue (again)', 'Challenges waiting for review');
    await staff.getByRole('link', { name: title }).click();
    await visitStep(staff, 'challenge: resubmitted (staff)', title);
    await staff.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => status(staff)).toBe('Open');
    await checkAccessibility(staff, 'challenge: published (staff)');
  });

  it('start-up: manages a solution with evidence through its lifecycle', async () => {
    const page = startup;
    await page.getByRole('link', { name: 'Our solutions', exact: true }).click();
    await visitStep(page, 'our solutions', 'Your solutions');
    await page.getByRole('button', { name: 'Describe a new solution' }).click();
    await visitStep(page, 'solution form', 'Describe a solution');
    await page.getByLabel('Name', { exact: true }).fill(solutionName);
    await page.getByLabel('Summary', { exact: true }).fill('Predicts missed collections from route data.');
    await page.getByLabel('Description', { exact: true }).fill('BinBrain reads vehicle tracking and complaints to predict which streets will be missed.');
    await page.getByLabel('Waste and recycling').check();
    await page.getByLabel('Yorkshire and the Humber').check();
    await page.getByLabel('Technology readiness level').selectOption('5');
    await page.getByLabel('Lowest price, in pounds').fill('10000');
    await page.getByLabel('Highest price, in pounds').fill('40000');
    await page.getByRole('button', { name: 'Add evidence' }).click();
    await page.getByLabel('Kind').selectOption('ACCREDITATION');
    await page.getByLabel('Description', { exact: true }).nth(1).fill('Cyber Essentials certificate for our hosting.');
    await page.getByLabel('Accreditation', { exact: true }).selectOption('CYBER_ESSENTIALS');
    await page.getByLabel('Issued by').fill('IASME');
    await page.getByLabel('Day', { exact: true }).fill('1');
    await page.getByLabel('Month', { exact: true }).fill('1');
    await page.getByLabel('Year', { exact: true }).fill(String(new Date().getFullYear() + 1));
    await checkAccessibility(page, 'solution form: with evidence');
    await page.getByRole('button', { name: 'Save as draft' }).click();

    await visitStep(page, 'our solutions: new draft', 'Your solutions');
    const card = page.locator('li', { has: page.getByRole('heading', { name: solutionName }) });
    await expect.poll(() => card.locator('.govuk-tag').textContent()).toBe('Draft');
    expect(await card.textContent()).toContain('Valid: Cyber Essentials');
    await card.getByRole('button', { name: /^Publish/ }).click();
    await expect.poll(() => card.locator('.govuk-tag').textContent()).toBe('Published');
    await card.getByRole('button', { name: /^Unpublish/ }).click();
    await expect.poll(() => card.locator('.govuk-tag').textContent()).toBe('Draft');
    await checkAccessibility(page, 'our solutions: after publish and unpublish');
    await keepScreenshot(page, 'startup-solutions');
  });

  it('start-up: finds the challenge as it types, asks a question, and responds after seeing which solutions qualify', async () => {
    const page = startup;
    await page.getByRole('link', { name: 'Find challenges', exact: true }).click();
    await visitStep(page, 'search (start-up)', 'Find challenges');
    await page.getByLabel('Search open challenges').pressSequentially(`bin collections ${stamp}`, { delay: 20 });
    await expect.poll(() => page.getByRole('link', { name: new RegExp(String(stamp)) }).count()).toBe(1);
    await page.getByRole('link', { name: new RegExp(String(stamp)) }).click();
    await visitStep(page, 'challenge (start-up)', title);

    await page.getByLabel('Ask a question about this challenge').fill('Can you share the complaint data broken down by ward?');
    await page.getByRole('button', { name: 'Send question' }).click();
    await expect.poll(() => page.getByText('Your question has been sent').count()).toBe(1);
    expect(await page.getByText('Your questions waiting for an answer').count()).toBe(1);
    await checkAccessibility(page, 'challenge: question sent');

    await page.getByRole('button', { name: 'Respond to this challenge' }).click();
    await visitStep(page, 'respond', /^Respond to/);
    await page.getByLabel(solutionName).check();
    const warning = page.locator('.govuk-warning-text');
    await expect.poll(() => warning.textContent()).toContain('Publish this solution before responding with it.');
    await checkAccessibility(page, 'respond: eligibility problems explained');
    await keepScreenshot(page, 'startup-respond-eligibility');

    const eligible = page.locator('.govuk-radios__item', { hasText: 'Meets this challenge’s requirements' }).first();
    await eligible.locator('input').check();
    await expect.poll(() => warning.count()).toBe(0);
    await page.getByLabel('Your pitch').fill('Our scheduling data already shows which visits are missed; the same model predicts missed collections from route changes.');
    await page.getByLabel('How you would reach the success measures').fill('We flag at-risk streets each morning so crews can adjust routes before they miss them.');
    await page.getByLabel('Indicative price, in pounds').fill('45000');
    await page.getByLabel('Timeline, in weeks').fill('12');
    await page.getByRole('button', { name: 'Submit response' }).click();
    await visitStep(page, 'your responses: submitted', 'Your responses');
    expect(await page.getByText('Your response has been sent to the public body.').count()).toBe(1);
    const mine = page.locator('li', { has: page.getByRole('link', { name: title }) });
    expect(await mine.locator('.govuk-tag').textContent()).toBe('Submitted');
  });

  it('public body: sees the response and answers the question, which the start-up then reads', async () => {
    await publicBody.goto(challengePath);
    await visitStep(publicBody, 'challenge: with a response (owner)', title);
    await expect.poll(() => publicBody.getByRole('heading', { name: 'Responses (1)' }).count()).toBe(1);
    expect(await publicBody.getByText(/CareCadence/).count()).toBeGreaterThan(0);
    await publicBody.getByLabel(/Answer to: “Can you share the complaint data/).fill('Yes: ward-level complaint counts are in the data pack we share at kick-off.');
    await publicBody.getByRole('button', { name: 'Publish answer' }).click();
    await expect.poll(() => publicBody.getByRole('heading', { name: 'Can you share the complaint data broken down by ward?' }).count()).toBe(1);
    await checkAccessibility(publicBody, 'challenge: answered (owner)');
    await keepScreenshot(publicBody, 'public-body-responses');

    await startup.goto(challengePath);
    await visitStep(startup, 'challenge: answered (start-up)', title);
    expect(await startup.getByText('ward-level complaint counts are in the data pack').count()).toBe(1);
  });
});
