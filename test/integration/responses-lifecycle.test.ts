import { Types } from 'mongoose';
import { graphql } from '../generated';
import { ChallengeModel } from '../../server/src/challenges/challenge.model';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { createOpenChallenge, publishedSolution, respond, responseInput } from '../testkit/marketplace';
import { ChallengeResponsesQuery } from '../testkit/operations';

/** What happens to a response after it is submitted, and who can see it along the way. */

const Submit = graphql(`
  mutation ResponsesLifecycleSubmit($input: SubmitResponseInput!) {
    submitResponse(input: $input) {
      id
      version
      kpiNotes {
        kpiName
        note
      }
    }
  }
`);

const Update = graphql(`
  mutation ResponsesLifecycleUpdate($input: UpdateResponseInput!) {
    updateResponse(input: $input) {
      version
      timelineWeeks
      kpiNotes {
        kpiName
      }
    }
  }
`);

const Withdraw = graphql(`
  mutation ResponsesLifecycleWithdraw($input: ResponseTransitionInput!) {
    withdrawResponse(input: $input) {
      status
      version
    }
  }
`);

const Shortlist = graphql(`
  mutation ResponsesLifecycleShortlist($input: ResponseTransitionInput!) {
    shortlistResponse(input: $input) {
      status
      version
      allowedEvents
    }
  }
`);

const Decline = graphql(`
  mutation ResponsesLifecycleDecline($input: DeclineResponseInput!) {
    declineResponse(input: $input) {
      status
      version
    }
  }
`);

const Get = graphql(`
  query ResponsesLifecycleGet($id: ID!) {
    response(id: $id) {
      status
      allowedEvents
    }
  }
`);

const List = graphql(`
  query ResponsesLifecycleList($filter: ResponseFilter) {
    responses(filter: $filter, first: 50) {
      totalCount
      edges {
        node {
          id
          organisation {
            id
          }
        }
      }
    }
  }
`);

const KPI = 'cases investigated within timescale';
const DAY_MS = 86_400_000;

let app: TestApp;
let body: Account;
let staff: Account;
let startup: Account;
beforeAll(async () => {
  app = await startTestApp();
  body = await registerOrganisation(app, 'PUBLIC_BODY');
  staff = await registerStaff(app);
  startup = await registerOrganisation(app, 'STARTUP');
});
afterAll(() => app.close());

const ext = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions;
const ids = (connection: { edges: { node: { id: string } }[] } | undefined) => connection?.edges.map((edge) => edge.node.id) ?? [];

describe('transitions', () => {
  it('lets the start-up withdraw a SHORTLISTED response, but no longer edit it', async () => {
    const challenge = await createOpenChallenge(app, body);
    const response = await respond(startup, challenge.id);
    expect((await startup.session.gqlOk(Get, { id: response.id })).response?.allowedEvents).toEqual(['UPDATE', 'WITHDRAW']);
    const shortlisted = await body.session.gqlOk(Shortlist, { input: { responseId: response.id, expectedVersion: 1 } });
    expect(shortlisted.shortlistResponse).toEqual({ status: 'SHORTLISTED', version: 2, allowedEvents: ['DECLINE'] });
    expect((await startup.session.gqlOk(Get, { id: response.id })).response?.allowedEvents).toEqual(['WITHDRAW']);

    const edit = await startup.session.gql(Update, { input: { responseId: response.id, expectedVersion: 2, timelineWeeks: 20 } });
    expect(ext(edit)).toMatchObject({ code: 'INVALID_TRANSITION', currentState: 'SHORTLISTED', allowedEvents: ['DECLINE', 'WITHDRAW'] });
    const withdrawn = await startup.session.gqlOk(Withdraw, { input: { responseId: response.id, expectedVersion: 2 } });
    expect(withdrawn.withdrawResponse).toEqual({ status: 'WITHDRAWN', version: 3 });
  });

  it('refuses a stale decision with the current version', async () => {
    const challenge = await createOpenChallenge(app, body);
    const response = await respond(startup, challenge.id);
    await body.session.gqlOk(Shortlist, { input: { responseId: response.id, expectedVersion: 1 } });
    const stale = await staff.session.gql(Decline, { input: { responseId: response.id, expectedVersion: 1, reason: 'Budget was reallocated this year.' } });
    expect(ext(stale)).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
  });

  it('keeps a DECLINED response as the start-up’s one response, and says so', async () => {
    const challenge = await createOpenChallenge(app, body);
    const response = await respond(startup, challenge.id);
    await body.session.gqlOk(Decline, { input: { responseId: response.id, expectedVersion: 1, reason: 'Does not integrate with our CRM.' } });
    const solution = await publishedSolution(startup);
    const again = await startup.session.gql(Submit, { input: responseInput(challenge.id, solution.id) });
    expect(ext(again)).toMatchObject({ code: 'CONFLICT', existingResponseId: response.id, existingStatus: 'DECLINED' });
    expect(again.errors?.[0]?.message).toMatch(/declined response is final/);
    const withdraw = await startup.session.gql(Withdraw, { input: { responseId: response.id, expectedVersion: 2 } });
    expect(ext(withdraw)).toMatchObject({ code: 'INVALID_TRANSITION', currentState: 'DECLINED' });
  });

  it('fixes the offer at the deadline: no edits afterwards, though the start-up may still withdraw', async () => {
    const challenge = await createOpenChallenge(app, body);
    const response = await respond(startup, challenge.id);
    await ChallengeModel.updateOne({ _id: new Types.ObjectId(challenge.id) }, { $set: { responseDeadline: new Date(Date.now() - DAY_MS) } });
    const edit = await startup.session.gql(Update, { input: { responseId: response.id, expectedVersion: 1, timelineWeeks: 12 } });
    expect(ext(edit)).toMatchObject({ code: 'NOT_ELIGIBLE', failedRules: [{ rule: 'DEADLINE_PASSED' }] });
    expect((await startup.session.gqlOk(Get, { id: response.id })).response?.allowedEvents).toEqual(['WITHDRAW']);
    const withdrawn = await startup.session.gqlOk(Withdraw, { input: { responseId: response.id, expectedVersion: 1 } });
    expect(withdrawn.withdrawResponse.status).toBe('WITHDRAWN');
  });
});

describe('per-KPI notes', () => {
  it('stores notes keyed by the challenge’s KPI names, and updates them', async () => {
    const challenge = await createOpenChallenge(app, body);
    const solution = await publishedSolution(startup);
    const submitted = await startup.session.gqlOk(Submit, {
      input: responseInput(challenge.id, solution.id, { kpiNotes: [{ kpiName: KPI, note: 'Every case gets a statutory clock.' }] }),
    });
    expect(submitted.submitResponse.kpiNotes).toEqual([{ kpiName: KPI, note: 'Every case gets a statutory clock.' }]);
    const updated = await startup.session.gqlOk(Update, {
      input: { responseId: submitted.submitResponse.id, expectedVersion: 1, kpiNotes: [] },
    });
    expect(updated.updateResponse).toMatchObject({ version: 2, kpiNotes: [] });
    const unknown = await startup.session.gql(Update, {
      input: { responseId: submitted.submitResponse.id, expectedVersion: 2, kpiNotes: [{ kpiName: 'tenant happiness', note: 'We will survey.' }] },
    });
    expect(ext(unknown)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'kpiNotes.0.kpiName' }] });
  });

  it('names notes for KPIs the challenge does not have, and repeated notes', async () => {
    const challenge = await createOpenChallenge(app, body);
    const solution = await publishedSolution(startup);
    const unknown = await startup.session.gql(Submit, {
      input: responseInput(challenge.id, solution.id, {
        kpiNotes: [
          { kpiName: KPI, note: 'Tracked from day one.' },
          { kpiName: 'tenant happiness', note: 'We will survey tenants.' },
        ],
      }),
    });
    expect(ext(unknown)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'kpiNotes.1.kpiName' }] });
    const repeated = await startup.session.gql(Submit, {
      input: responseInput(challenge.id, solution.id, {
        kpiNotes: [
          { kpiName: KPI, note: 'Tracked from day one.' },
          { kpiName: KPI, note: 'And reported monthly.' },
        ],
      }),
    });
    expect(ext(repeated)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'kpiNotes' }] });
  });
});

describe('visibility', () => {
  let challengeId: string;
  let ours: string;
  let theirs: string;
  let rival: Account;
  beforeAll(async () => {
    challengeId = (await createOpenChallenge(app, body)).id;
    rival = await registerOrganisation(app, 'STARTUP');
    ours = (await respond(startup, challengeId)).id;
    theirs = (await respond(rival, challengeId)).id;
  });

  it('shows the owning public body and staff every response to the challenge', async () => {
    for (const viewer of [body, staff]) {
      expect(ids((await viewer.session.gqlOk(List, { filter: { challengeId } })).responses)).toEqual([theirs, ours]);
      const challenge = await viewer.session.gqlOk(ChallengeResponsesQuery, { id: challengeId });
      expect(ids(challenge.challenge?.responses)).toEqual([theirs, ours]);
      expect(challenge.challenge?.responseCount).toBe(2);
    }
    expect((await body.session.gqlOk(List, { filter: { challengeId, mine: true } })).responses.totalCount).toBe(0);
  });

  it('shows each responding start-up only its own response; the other’s is NOT_FOUND', async () => {
    expect(ids((await startup.session.gqlOk(List, { filter: { challengeId } })).responses)).toEqual([ours]);
    expect(ids((await rival.session.gqlOk(ChallengeResponsesQuery, { id: challengeId })).challenge?.responses)).toEqual([theirs]);
    expect(ext(await startup.session.gql(Get, { id: theirs }))?.code).toBe('NOT_FOUND');
    expect(ext(await rival.session.gql(Get, { id: ours }))?.code).toBe('NOT_FOUND');
    expect((await rival.session.gqlOk(ChallengeResponsesQuery, { id: challengeId })).challenge?.responseCount).toBeNull();
  });

  it('shows nothing to start-ups that did not respond, other public bodies and anonymous visitors', async () => {
    const bystander = await registerOrganisation(app, 'STARTUP');
    const otherBody = await registerOrganisation(app, 'PUBLIC_BODY');
    for (const viewer of [bystander, otherBody]) {
      expect((await viewer.session.gqlOk(List, { filter: { challengeId } })).responses.totalCount).toBe(0);
      expect((await viewer.session.gqlOk(ChallengeResponsesQuery, { id: challengeId })).challenge?.responses.totalCount).toBe(0);
      for (const id of [ours, theirs]) expect(ext(await viewer.session.gql(Get, { id }))?.code).toBe('NOT_FOUND');
    }
    expect(ext(await app.session().gql(List, { filter: { challengeId } }))?.code).toBe('UNAUTHENTICATED');
    expect((await app.session().gqlOk(ChallengeResponsesQuery, { id: challengeId })).challenge?.responses.totalCount).toBe(0);
  });

  it('filters by status and stops counting withdrawn responses', async () => {
    await rival.session.gqlOk(Withdraw, { input: { responseId: theirs, expectedVersion: 1 } });
    expect(ids((await body.session.gqlOk(List, { filter: { challengeId, status: 'WITHDRAWN' } })).responses)).toEqual([theirs]);
    expect(ids((await body.session.gqlOk(List, { filter: { challengeId, status: 'SUBMITTED' } })).responses)).toEqual([ours]);
    expect((await body.session.gqlOk(ChallengeResponsesQuery, { id: challengeId })).challenge?.responseCount).toBe(1);
    // The rival still sees its own withdrawn response, and may respond again.
    expect(ids((await rival.session.gqlOk(List, { filter: { mine: true, challengeId } })).responses)).toEqual([theirs]);
    const again = await respond(rival, challengeId);
    expect((await body.session.gqlOk(ChallengeResponsesQuery, { id: challengeId })).challenge?.responseCount).toBe(2);
    expect(again.status).toBe('SUBMITTED');
  });
});
