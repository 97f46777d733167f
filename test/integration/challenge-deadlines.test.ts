import { graphql } from '../generated';
import { ChallengeModel } from '../../server/src/challenges/challenge.model';
import { trusted } from '../../server/src/db/trusted';
import { closeExpiredChallenges } from '../../server/src/challenges/challenge.service';
import { challengeLifecycle } from '../../server/src/challenges/challenge.lifecycle';
import { deadlineSweeper } from '../../server/src/challenges/challenge.sweeper';
import { PeriodicJobs } from '../../server/src/search-sync/periodic-jobs';
import { createLogger } from '../../server/src/shared/logger';
import { systemActor } from '../../server/src/shared/actor';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { openChallenge, type VersionedRef } from '../testkit/challenges';
import { publishedSolution, responseInput } from '../testkit/marketplace';

/**
 * The deadline off the read path: with the app's clock moved past a deadline, reads show the
 * challenge CLOSED and refuse responses before anything is written; the sweeper then stores the
 * close, exactly once however many sweepers race.
 */

const DAY_MS = 86_400_000;

const Read = graphql(`
  query DeadlinesRead($id: ID!) {
    challenge(id: $id) {
      status
      closeReason
      closedAt
      version
      allowedEvents
      viewerCan {
        close
        respond
        askQuestion
      }
    }
  }
`);

const ListOpen = graphql(`
  query DeadlinesListOpen($organisationId: ID!) {
    challenges(filter: { organisationId: $organisationId, status: OPEN }, first: 100) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const Submit = graphql(`
  mutation DeadlinesSubmit($input: SubmitResponseInput!) {
    submitResponse(input: $input) {
      id
    }
  }
`);

/** The app's clock: real time plus however far a test has moved it. */
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);

let app: TestApp;
let body: Account;
let staff: Account;
let startup: Account;
beforeAll(async () => {
  app = await startTestApp({}, { clock });
  body = await registerOrganisation(app, 'PUBLIC_BODY');
  staff = await registerStaff(app);
  startup = await registerOrganisation(app, 'STARTUP');
});
afterAll(() => app.close());
afterEach(() => {
  offsetMs = 0;
});

const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);
const openUntil = (deadline: Date): Promise<VersionedRef> => openChallenge(body, staff.session, { responseDeadline: deadline.toISOString() });

describe('before any sweep, with the clock past the deadline', () => {
  it('reads the OPEN challenge as CLOSED, lists it as not open, and writes nothing', async () => {
    const deadline = inDays(2);
    const challenge = await openUntil(deadline);
    offsetMs = 3 * DAY_MS;

    const { challenge: read } = await body.session.gqlOk(Read, { id: challenge.id });
    expect(read).toEqual({
      status: 'CLOSED',
      closeReason: 'DEADLINE_PASSED',
      closedAt: deadline.toISOString(),
      version: challenge.version,
      allowedEvents: ['ARCHIVE'],
      viewerCan: { close: false, respond: false, askQuestion: false },
    });
    const listed = await startup.session.gqlOk(ListOpen, { organisationId: body.organisationId });
    expect(listed.challenges.edges.map((edge) => edge.node.id)).not.toContain(challenge.id);
    expect(await ChallengeModel.findById(challenge.id).lean()).toMatchObject({ status: 'OPEN', version: challenge.version });
  });

  it('refuses a response with DEADLINE_PASSED', async () => {
    const challenge = await openUntil(inDays(2));
    const solution = await publishedSolution(startup);
    offsetMs = 3 * DAY_MS;
    const result = await startup.session.gql(Submit, { input: responseInput(challenge.id, solution.id) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_ELIGIBLE', failedRules: [{ rule: 'DEADLINE_PASSED' }] });
    offsetMs = 0;
    expect((await startup.session.gqlOk(Submit, { input: responseInput(challenge.id, solution.id) })).submitResponse.id).toBeTruthy();
  });
});

describe('the sweeper', () => {
  it('stores each close exactly once while ten sweepers race, and leaves open challenges alone', async () => {
    const deadlines = [inDays(1), inDays(2), inDays(3)];
    const expiring = await Promise.all(deadlines.map(openUntil));
    const staysOpen = await openUntil(inDays(10));
    const later = inDays(5);

    // Earlier tests leave expired challenges unswept too; each of them must be closed once as well.
    const expired = await ChallengeModel.countDocuments({ status: 'OPEN', responseDeadline: trusted({ $lte: later }) });
    expect(expired).toBeGreaterThanOrEqual(expiring.length);

    const closedBySweeper = await Promise.all(Array.from({ length: 10 }, () => closeExpiredChallenges(app.system(later))));
    expect(closedBySweeper.reduce((sum, closed) => sum + closed, 0)).toBe(expired);
    for (const [index, challenge] of expiring.entries()) {
      const stored = await ChallengeModel.findById(challenge.id).lean();
      expect(stored).toMatchObject({ status: 'CLOSED', closeReason: 'DEADLINE_PASSED', closedAt: deadlines[index], version: challenge.version + 1 });
    }
    expect(await ChallengeModel.findById(staysOpen.id).lean()).toMatchObject({ status: 'OPEN', version: staysOpen.version });
    expect(await closeExpiredChallenges(app.system(later))).toBe(0);
  });

  it('acts only as the platform, and the platform closes only what the deadline closed', async () => {
    const staffContext = await app.contextOf(staff.userId);
    await expect(closeExpiredChallenges(staffContext)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const challenge = await openUntil(inDays(2));
    const stored = await ChallengeModel.findById(challenge.id).lean();
    expect(() => challengeLifecycle.authorise(stored!, 'CLOSE', { actor: systemActor, now: new Date() })).toThrow(
      expect.objectContaining({ code: 'NOT_ELIGIBLE' }),
    );
    expect(challengeLifecycle.authorise(stored!, 'CLOSE', { actor: systemActor, now: inDays(3) })).toBe('CLOSED');
  });

  it('runs in the worker loop once per period, on one worker of several', async () => {
    const challenge = await openUntil(inDays(1));
    const later = inDays(2);
    const sweeps: number[] = [];
    const job = deadlineSweeper(() => app.system(later), 60_000);
    const counted = { ...job, run: async (now: Date) => sweeps[sweeps.push(await job.run(now)) - 1]! };
    const logger = createLogger('silent');
    const workers = ['worker-a', 'worker-b', 'worker-c'].map((owner) => new PeriodicJobs([counted], owner, logger));
    await Promise.all(workers.map((worker) => worker.runDue(later)));
    expect(sweeps).toHaveLength(1);
    expect(await ChallengeModel.findById(challenge.id).lean()).toMatchObject({ status: 'CLOSED', version: challenge.version + 1 });
    // Within the period the lease keeps every worker off it, even ones that never ran it (a restart).
    const restarted = ['worker-a', 'worker-d'].map((owner) => new PeriodicJobs([counted], owner, logger));
    await Promise.all(restarted.map((worker) => worker.runDue(new Date(later.getTime() + 1000))));
    expect(sweeps).toHaveLength(1);
    await restarted[1]!.runDue(new Date(later.getTime() + 61_000));
    expect(sweeps).toHaveLength(2);
    expect(sweeps[1]).toBe(0);
  });
});
