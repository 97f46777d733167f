import { Types } from 'mongoose';
import { graphql } from '../generated';
import { ChallengeModel } from '../../server/src/challenges/challenge.model';
import { OrganisationModel } from '../../server/src/organisations/organisation.model';
import { SolutionModel } from '../../server/src/solutions/solution.model';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation, type Account } from '../testkit/accounts';
import { draftChallenge } from '../testkit/challenges';
import { createOpenChallenge, draftSolution, publishedSolution, responseInput } from '../testkit/marketplace';

/** Each eligibility rule on its own, then several at once; the rules are the contract start-ups fix against. */

const Submit = graphql(`
  mutation ResponsesEligibilitySubmit($input: SubmitResponseInput!) {
    submitResponse(input: $input) {
      id
      status
    }
  }
`);

const CloseChallenge = graphql(`
  mutation ResponsesEligibilityCloseChallenge($input: ChallengeTransitionInput!) {
    closeChallenge(input: $input) {
      status
    }
  }
`);

const SolutionFlags = graphql(`
  query ResponsesEligibilitySolutionFlags($id: ID!) {
    solution(id: $id) {
      version
      hasExpiredAccreditation
      validAccreditations
      evidence {
        expired
      }
    }
  }
`);

interface FailedRule {
  rule: string;
  message: string;
  accreditations?: string[];
}

const DAY_MS = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

let app: TestApp;
let body: Account;
let startup: Account;
beforeAll(async () => {
  app = await startTestApp();
  body = await registerOrganisation(app, 'PUBLIC_BODY');
  startup = await registerOrganisation(app, 'STARTUP');
});
afterAll(() => app.close());

async function failedRules(account: Account, challengeId: string, solutionId: string) {
  const result = await account.session.gql(Submit, { input: responseInput(challengeId, solutionId) });
  expect(result.errors?.[0]?.extensions?.code).toBe('NOT_ELIGIBLE');
  return { message: result.errors?.[0]?.message ?? '', rules: result.errors?.[0]?.extensions?.failedRules as FailedRule[] };
}

/** Time travel for one challenge: the API rightly refuses deadlines in the past. */
async function passDeadline(challengeId: string) {
  await ChallengeModel.updateOne({ _id: new Types.ObjectId(challengeId) }, { $set: { responseDeadline: new Date(Date.now() - DAY_MS) } });
}

describe('each rule on its own', () => {
  it('DEADLINE_PASSED: refuses once the deadline has passed, even before anything closed the challenge', async () => {
    const challenge = await createOpenChallenge(app, body);
    const solution = await publishedSolution(startup);
    await passDeadline(challenge.id);
    const { rules, message } = await failedRules(startup, challenge.id, solution.id);
    expect(rules.map((failed) => failed.rule)).toEqual(['DEADLINE_PASSED']);
    expect(message).toMatch(/deadline passed/);
  });

  it('CHALLENGE_NOT_OPEN: says a closed challenge is closed rather than pretending it does not exist', async () => {
    const challenge = await createOpenChallenge(app, body);
    await body.session.gqlOk(CloseChallenge, { input: { challengeId: challenge.id, expectedVersion: challenge.version } });
    const solution = await publishedSolution(startup);
    const { rules } = await failedRules(startup, challenge.id, solution.id);
    expect(rules).toEqual([{ rule: 'CHALLENGE_NOT_OPEN', message: 'The challenge is CLOSED, not OPEN.' }]);
  });

  it('STARTUP_NOT_VERIFIED: refuses a start-up whose verification was withdrawn after it published', async () => {
    const lapsed = await registerOrganisation(app, 'STARTUP');
    const challenge = await createOpenChallenge(app, body);
    const solution = await publishedSolution(lapsed);
    await OrganisationModel.updateOne({ _id: new Types.ObjectId(lapsed.organisationId) }, { $set: { verified: false } });
    const { rules } = await failedRules(lapsed, challenge.id, solution.id);
    expect(rules).toEqual([{ rule: 'STARTUP_NOT_VERIFIED', message: 'Your start-up must be verified by staff before it can respond.' }]);
  });

  it('SOLUTION_NOT_PUBLISHED: refuses a draft even from a verified start-up', async () => {
    const challenge = await createOpenChallenge(app, body);
    const draft = await draftSolution(startup);
    const { rules } = await failedRules(startup, challenge.id, draft.id);
    expect(rules).toEqual([{ rule: 'SOLUTION_NOT_PUBLISHED', message: 'The solution is DRAFT; only published solutions can respond.' }]);
  });

  it('MIN_TRL: states the solution’s TRL and the TRL needed', async () => {
    const challenge = await createOpenChallenge(app, body, { minTrl: 6 });
    const solution = await publishedSolution(startup, { trl: 4 });
    const { rules } = await failedRules(startup, challenge.id, solution.id);
    expect(rules).toEqual([{ rule: 'MIN_TRL', message: 'The solution is TRL 4; this challenge needs TRL 6 or higher.' }]);
  });

  it('accepts a solution exactly at the minimum TRL', async () => {
    const challenge = await createOpenChallenge(app, body, { minTrl: 6 });
    const solution = await publishedSolution(startup, { trl: 6 });
    const result = await startup.session.gqlOk(Submit, { input: responseInput(challenge.id, solution.id) });
    expect(result.submitResponse.status).toBe('SUBMITTED');
  });

  it('MISSING_ACCREDITATIONS: lists exactly the required accreditations that are missing or expired', async () => {
    const challenge = await createOpenChallenge(app, body, {
      requiredAccreditations: ['CYBER_ESSENTIALS_PLUS', 'ISO_27001', 'DSPT'],
    });
    const solution = await publishedSolution(startup, {
      evidence: [
        {
          kind: 'ACCREDITATION',
          description: 'Cyber Essentials Plus certificate, current.',
          accreditation: { type: 'CYBER_ESSENTIALS_PLUS', issuer: 'IASME', expiresAt: inDays(200) },
        },
        {
          kind: 'ACCREDITATION',
          description: 'ISO 27001 certificate, lapsed last week.',
          accreditation: { type: 'ISO_27001', issuer: 'BSI', expiresAt: inDays(-7) },
        },
        {
          kind: 'ACCREDITATION',
          description: 'ISO 9001 certificate, not required here.',
          accreditation: { type: 'ISO_9001', issuer: 'BSI', expiresAt: inDays(200) },
        },
      ],
    });
    const { rules } = await failedRules(startup, challenge.id, solution.id);
    expect(rules).toEqual([
      {
        rule: 'MISSING_ACCREDITATIONS',
        message: 'Missing or expired accreditations this challenge requires: ISO_27001, DSPT.',
        accreditations: ['ISO_27001', 'DSPT'],
      },
    ]);
  });

  it('judges expiry at the moment of submitting: an accreditation that lapsed since publishing no longer counts', async () => {
    const challenge = await createOpenChallenge(app, body);
    const solution = await publishedSolution(startup);
    const before = await app.session().gqlOk(SolutionFlags, { id: solution.id });
    expect(before.solution).toMatchObject({ hasExpiredAccreditation: false, validAccreditations: ['CYBER_ESSENTIALS_PLUS'] });

    await SolutionModel.updateOne(
      { _id: new Types.ObjectId(solution.id) },
      { $set: { 'evidence.0.accreditation.expiresAt': new Date(Date.now() - 1000) } },
    );
    const after = await app.session().gqlOk(SolutionFlags, { id: solution.id });
    // Nothing was written through the API: the flags are computed when read.
    expect(after.solution).toEqual({ version: before.solution?.version, hasExpiredAccreditation: true, validAccreditations: [], evidence: [{ expired: true }] });
    const { rules } = await failedRules(startup, challenge.id, solution.id);
    expect(rules.map((failed) => failed.rule)).toEqual(['MISSING_ACCREDITATIONS']);
  });
  it('counts an accreditation only if it is still valid when the pilot can start, at the deadline', async () => {
    const challenge = await createOpenChallenge(app, body, { requiredAccreditations: ['CYBER_ESSENTIALS_PLUS'] });
    const solution = await publishedSolution(startup, {
      evidence: [
        {
          kind: 'ACCREDITATION',
          description: 'Cyber Essentials Plus certificate, renewal due next week.',
          accreditation: { type: 'CYBER_ESSENTIALS_PLUS', issuer: 'IASME', expiresAt: inDays(7) },
        },
      ],
    });
    const { rules } = await failedRules(startup, challenge.id, solution.id);
    expect(rules).toEqual([
      {
        rule: 'MISSING_ACCREDITATIONS',
        message: expect.stringMatching(/^Missing or expired accreditations this challenge requires: CYBER_ESSENTIALS_PLUS \(CYBER_ESSENTIALS_PLUS lapsing before the pilot can start on \d+ \w+ \d{4}\)\.$/),
        accreditations: ['CYBER_ESSENTIALS_PLUS'],
      },
    ]);
  });
});

describe('several rules at once', () => {
  it('reports every failed rule in one error, in message and failedRules alike', async () => {
    const challenge = await createOpenChallenge(app, body, { minTrl: 7, requiredAccreditations: ['CYBER_ESSENTIALS_PLUS', 'DTAC'] });
    const solution = await publishedSolution(startup, { trl: 5, evidence: [] });
    await passDeadline(challenge.id);
    const { rules, message } = await failedRules(startup, challenge.id, solution.id);
    expect(rules.map((failed) => failed.rule)).toEqual(['DEADLINE_PASSED', 'MIN_TRL', 'MISSING_ACCREDITATIONS']);
    expect(rules[2]?.accreditations).toEqual(['CYBER_ESSENTIALS_PLUS', 'DTAC']);
    for (const failed of rules) expect(message).toContain(failed.message);
  });

  it('reports an unverified start-up’s draft and low TRL together', async () => {
    const unverified = await registerOrganisation(app, 'STARTUP', { verified: false });
    const challenge = await createOpenChallenge(app, body);
    const draft = await draftSolution(unverified, { trl: 3 });
    const { rules } = await failedRules(unverified, challenge.id, draft.id);
    expect(rules.map((failed) => failed.rule)).toEqual(['STARTUP_NOT_VERIFIED', 'SOLUTION_NOT_PUBLISHED', 'MIN_TRL']);
  });

  it('checks ownership before eligibility: another start-up’s published solution is FORBIDDEN, a hidden one NOT_FOUND', async () => {
    const challenge = await createOpenChallenge(app, body);
    const other = await registerOrganisation(app, 'STARTUP');
    const published = await publishedSolution(startup);
    const draft = await draftSolution(startup);
    const codeFor = async (solutionId: string) =>
      (await other.session.gql(Submit, { input: responseInput(challenge.id, solutionId) })).errors?.[0]?.extensions?.code;
    expect(await codeFor(published.id)).toBe('FORBIDDEN');
    expect(await codeFor(draft.id)).toBe('NOT_FOUND');
  });

  it('gives NOT_FOUND for a challenge that was never published, as for a missing one', async () => {
    const draft = await draftChallenge(body);
    const solution = await publishedSolution(startup);
    const hidden = await startup.session.gql(Submit, { input: responseInput(draft.id, solution.id) });
    const missing = await startup.session.gql(Submit, { input: responseInput(new Types.ObjectId().toHexString(), solution.id) });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
