import { graphql } from '../generated';
import { ChallengeResponsesQuery } from '../testkit/operations';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { addMember, registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { openChallenge } from '../testkit/challenges';
import { publishedSolution, respond, responseInput } from '../testkit/marketplace';

const Submit = graphql(`
  mutation ResponsesSubmit($input: SubmitResponseInput!) {
    submitResponse(input: $input) {
      id
      status
      version
      organisation {
        id
      }
    }
  }
`);

const Update = graphql(`
  mutation ResponsesUpdate($input: UpdateResponseInput!) {
    updateResponse(input: $input) {
      pitch
      version
    }
  }
`);

const Withdraw = graphql(`
  mutation ResponsesWithdraw($input: ResponseTransitionInput!) {
    withdrawResponse(input: $input) {
      status
      version
    }
  }
`);

const Shortlist = graphql(`
  mutation ResponsesShortlist($input: ResponseTransitionInput!) {
    shortlistResponse(input: $input) {
      status
      version
    }
  }
`);

const Decline = graphql(`
  mutation ResponsesDecline($input: DeclineResponseInput!) {
    declineResponse(input: $input) {
      status
      declineReason
    }
  }
`);

const GetResponse = graphql(`
  query ResponsesGet($id: ID!) {
    response(id: $id) {
      id
      status
      declineReason
      challenge {
        id
      }
      solution {
        id
      }
      viewerCan {
        update
        shortlist
        decline
        withdraw
      }
    }
  }
`);

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

const codes = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code;

describe('submitting', () => {
  it('accepts an eligible response and shows it to the start-up, the public body and staff only', async () => {
    const challenge = await openChallenge(body, staff.session);
    const response = await respond(startup, challenge.id);
    expect(response).toMatchObject({ status: 'SUBMITTED', version: 1 });
    for (const viewer of [startup, body, staff]) {
      expect((await viewer.session.gqlOk(GetResponse, { id: response.id })).response?.id).toBe(response.id);
    }
    const otherStartup = await registerOrganisation(app, 'STARTUP');
    const otherBody = await registerOrganisation(app, 'PUBLIC_BODY');
    for (const session of [otherStartup.session, otherBody.session, app.session()]) {
      expect(codes(await session.gql(GetResponse, { id: response.id }))).toBe('NOT_FOUND');
    }
    const ofChallenge = await otherStartup.session.gqlOk(ChallengeResponsesQuery, { id: challenge.id });
    expect(ofChallenge.challenge?.responses.totalCount).toBe(0);
    const owners = await body.session.gqlOk(ChallengeResponsesQuery, { id: challenge.id });
    expect(owners.challenge?.responses.edges.map((e) => e.node.id)).toEqual([response.id]);
    expect(owners.challenge?.responseCount).toBe(1);
  });

  it('does not let anyone respond with another start-up’s solution, or public bodies respond at all', async () => {
    const challenge = await openChallenge(body, staff.session);
    const solution = await publishedSolution(startup);
    const thief = await registerOrganisation(app, 'STARTUP');
    expect(codes(await thief.session.gql(Submit, { input: responseInput(challenge.id, solution.id) }))).toBe('FORBIDDEN');
    expect(codes(await body.session.gql(Submit, { input: responseInput(challenge.id, solution.id) }))).toBe('FORBIDDEN');
    expect(codes(await app.session().gql(Submit, { input: responseInput(challenge.id, solution.id) }))).toBe('UNAUTHENTICATED');
  });

  it('names invalid fields', async () => {
    const challenge = await openChallenge(body, staff.session);
    const solution = await publishedSolution(startup);
    const result = await startup.session.gql(Submit, {
      input: responseInput(challenge.id, solution.id, { pitch: 'too short', timelineWeeks: 0, indicativePriceGbp: -5 }),
    });
    const fields = (result.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['pitch', 'timelineWeeks', 'indicativePriceGbp']));
  });
});

describe('one live response per challenge and start-up', () => {
  it('refuses a second response, and allows one again after withdrawal', async () => {
    const challenge = await openChallenge(body, staff.session);
    const first = await respond(startup, challenge.id);
    const solution = await publishedSolution(startup);
    const second = await startup.session.gql(Submit, { input: responseInput(challenge.id, solution.id) });
    expect(codes(second)).toBe('CONFLICT');
    await startup.session.gqlOk(Withdraw, { input: { responseId: first.id, expectedVersion: first.version } });
    const again = await startup.session.gqlOk(Submit, { input: responseInput(challenge.id, solution.id) });
    expect(again.submitResponse.status).toBe('SUBMITTED');
  });

  it('lets exactly one of ten concurrent submissions through', async () => {
    const challenge = await openChallenge(body, staff.session);
    const solution = await publishedSolution(startup);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => startup.session.gql(Submit, { input: responseInput(challenge.id, solution.id) })),
    );
    const winners = results.filter((result) => !result.errors);
    expect(winners.length).toBe(1);
    const conflicts = results.filter((result) => codes(result) === 'CONFLICT');
    expect(conflicts.length).toBe(9);
    // Each loser is pointed at the one response that won.
    for (const conflict of conflicts) expect(conflict.errors?.[0]?.extensions?.existingResponseId).toBe(winners[0]?.data?.submitResponse.id);
    const owners = await body.session.gqlOk(ChallengeResponsesQuery, { id: challenge.id });
    expect(owners.challenge?.responses.totalCount).toBe(1);
  });
});

describe('deciding on responses', () => {
  it('lets the public body shortlist and decline with a reason the start-up sees', async () => {
    const challenge = await openChallenge(body, staff.session);
    const response = await respond(startup, challenge.id);
    const shortlisted = await body.session.gqlOk(Shortlist, { input: { responseId: response.id, expectedVersion: response.version } });
    expect(shortlisted.shortlistResponse).toEqual({ status: 'SHORTLISTED', version: 2 });
    await staff.session.gqlOk(Decline, {
      input: { responseId: response.id, expectedVersion: 2, reason: 'Another supplier already covers this borough.' },
    });
    const seen = await startup.session.gqlOk(GetResponse, { id: response.id });
    expect(seen.response).toMatchObject({ status: 'DECLINED', declineReason: 'Another supplier already covers this borough.' });
    expect(seen.response?.viewerCan).toEqual({ update: false, shortlist: false, decline: false, withdraw: false });
  });

  it('lets neither the start-up decide nor the public body edit or withdraw', async () => {
    const challenge = await openChallenge(body, staff.session);
    const response = await respond(startup, challenge.id);
    const input = { responseId: response.id, expectedVersion: response.version };
    expect(codes(await startup.session.gql(Shortlist, { input }))).toBe('FORBIDDEN');
    expect(codes(await body.session.gql(Withdraw, { input }))).toBe('FORBIDDEN');
    expect(codes(await body.session.gql(Update, { input: { ...input, pitch: 'x'.repeat(60) } }))).toBe('FORBIDDEN');
    const otherBody = await registerOrganisation(app, 'PUBLIC_BODY');
    expect(codes(await otherBody.session.gql(Shortlist, { input }))).toBe('NOT_FOUND');
  });

  it('requires a decline reason', async () => {
    const challenge = await openChallenge(body, staff.session);
    const response = await respond(startup, challenge.id);
    const result = await body.session.gql(Decline, { input: { responseId: response.id, expectedVersion: response.version, reason: '' } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'reason' }] });
  });

  it('refuses illegal transitions, naming the state, and stale versions', async () => {
    const challenge = await openChallenge(body, staff.session);
    const colleague = await addMember(app, startup);
    const response = await respond(startup, challenge.id);
    await startup.session.gqlOk(Update, { input: { responseId: response.id, expectedVersion: 1, pitch: 'An improved pitch '.repeat(4) } });
    const stale = await colleague.session.gql(Update, { input: { responseId: response.id, expectedVersion: 1, pitch: 'A rival pitch '.repeat(5) } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    await startup.session.gqlOk(Withdraw, { input: { responseId: response.id, expectedVersion: 2 } });
    const late = await body.session.gql(Shortlist, { input: { responseId: response.id, expectedVersion: 3 } });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', currentState: 'WITHDRAWN', allowedEvents: [] });
  });
});
