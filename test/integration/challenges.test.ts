import { Types } from 'mongoose';
import { graphql } from '../generated';
import type { ChallengesListQuery } from '../generated/graphql';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { addMember, registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { challengeInput, draftChallenge, openChallenge, submittedChallenge } from '../testkit/challenges';
import { respond } from '../testkit/marketplace';

const WithdrawResponse = graphql(`
  mutation ChallengesWithdrawResponse($input: ResponseTransitionInput!) {
    withdrawResponse(input: $input) {
      status
    }
  }
`);

const Create = graphql(`
  mutation ChallengesCreate($input: CreateChallengeInput!) {
    createChallenge(input: $input) {
      id
      title
      summary
      what
      why
      how
      sectors
      tags
      region
      budgetMinGbp
      budgetMaxGbp
      pilotLengthWeeks
      responseDeadline
      minTrl
      requiredAccreditations
      kpis {
        name
        unit
        baseline
        target
        direction
      }
      status
      version
      organisation {
        id
        kind
      }
      createdAt
      updatedAt
    }
  }
`);

const Update = graphql(`
  mutation ChallengesUpdate($input: UpdateChallengeInput!) {
    updateChallenge(input: $input) {
      id
      version
      title
      tags
      budgetMinGbp
      budgetMaxGbp
      kpis {
        name
      }
    }
  }
`);

const Get = graphql(`
  query ChallengesGet($id: ID!) {
    challenge(id: $id) {
      id
      status
      responseCount
      staffFeedback
      organisation {
        id
      }
    }
  }
`);

const List = graphql(`
  query ChallengesList($filter: ChallengeFilter, $first: Int, $after: String) {
    challenges(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          title
          status
          sectors
          region
        }
      }
    }
  }
`);

let app: TestApp;
let owner: Account;
let otherBody: Account;
let startup: Account;
let staff: Account;

beforeAll(async () => {
  app = await startTestApp();
  owner = await registerOrganisation(app, 'PUBLIC_BODY');
  otherBody = await registerOrganisation(app, 'PUBLIC_BODY');
  startup = await registerOrganisation(app, 'STARTUP');
  staff = await registerStaff(app);
});
afterAll(() => app.close());

const fieldsOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  ((result.errors?.[0]?.extensions?.fields ?? []) as { field: string }[]).map((problem) => problem.field).sort();

describe('createChallenge', () => {
  it('stores every field as a DRAFT owned by the public body', async () => {
    const input = challengeInput(owner.organisationId, { tags: ['Damp', 'damp', ' repairs '] });
    const created = (await owner.session.gqlOk(Create, { input })).createChallenge;
    expect(created).toMatchObject({
      title: input.title,
      sectors: ['HOUSING', 'HEALTH_AND_CARE'],
      tags: ['damp', 'repairs'],
      region: 'LONDON',
      budgetMinGbp: 60_000,
      budgetMaxGbp: 250_000,
      pilotLengthWeeks: 40,
      minTrl: 7,
      requiredAccreditations: ['CYBER_ESSENTIALS_PLUS'],
      kpis: input.kpis,
      status: 'DRAFT',
      version: 1,
      organisation: { id: owner.organisationId, kind: 'PUBLIC_BODY' },
    });
    expect(new Date(created.responseDeadline).toISOString()).toBe(input.responseDeadline);
  });

  it.each([
    ['title', { title: 'Hi' }],
    ['summary', { summary: 'First paragraph of the summary.\n\nSecond paragraph of the summary.' }],
    ['sectors', { sectors: [] }],
    ['sectors', { sectors: ['HOUSING', 'TRANSPORT_AND_PARKING', 'SOCIAL_CARE', 'DIGITAL_INCLUSION'] }],
    ['sectors', { sectors: ['HOUSING', 'HOUSING'] }],
    ['budgetMaxGbp', { budgetMinGbp: 300_000, budgetMaxGbp: 100_000 }],
    ['budgetMinGbp', { budgetMinGbp: -1 }],
    ['pilotLengthWeeks', { pilotLengthWeeks: 0 }],
    ['minTrl', { minTrl: 10 }],
    ['minTrl', { minTrl: 0 }],
    ['responseDeadline', { responseDeadline: new Date(Date.now() - 3600_000).toISOString() }],
    ['kpis', { kpis: [] }],
  ] as const)('names %s when it is invalid', async (field, overrides) => {
    const result = await owner.session.gql(Create, { input: challengeInput(owner.organisationId, overrides as never) });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(result)).toEqual([field]);
  });

  it('checks each KPI target against its baseline and direction', async () => {
    const result = await owner.session.gql(Create, {
      input: challengeInput(owner.organisationId, {
        kpis: [
          { name: 'cases resolved on time', unit: '%', baseline: 50, target: 40, direction: 'INCREASE' },
          { name: 'days to first visit', unit: 'days', baseline: 20, target: 30, direction: 'DECREASE' },
          { name: 'repeat reports', unit: '%', baseline: 30, target: 30, direction: 'DECREASE' },
          { name: 'tenant satisfaction', unit: '%', baseline: 60, target: 80, direction: 'INCREASE' },
        ],
      }),
    });
    expect(fieldsOf(result)).toEqual(['kpis.0.target', 'kpis.1.target', 'kpis.2.target']);
    const messages = (result.errors?.[0]?.extensions?.fields as { message: string }[]).map((problem) => problem.message);
    expect(messages[0]).toMatch(/above the baseline/);
    expect(messages[1]).toMatch(/below the baseline/);
  });

  it('rejects a fractional budget before it reaches the service', async () => {
    const result = await owner.session.gql(Create, { input: challengeInput(owner.organisationId, { budgetMinGbp: 1000.5 }) });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('requires sign-in and membership of the public body', async () => {
    expect((await app.session().gql(Create, { input: challengeInput(owner.organisationId) })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await otherBody.session.gql(Create, { input: challengeInput(owner.organisationId) })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('updateChallenge', () => {
  it('changes only the given fields and bumps the version', async () => {
    const draft = await draftChallenge(owner);
    const updated = (
      await owner.session.gqlOk(Update, { input: { challengeId: draft.id, expectedVersion: 1, title: 'A sharper title', tags: ['mould'] } })
    ).updateChallenge;
    expect(updated).toMatchObject({ version: 2, title: 'A sharper title', tags: ['mould'], budgetMinGbp: 60_000 });
  });

  it('checks cross-field rules against the stored record', async () => {
    const draft = await draftChallenge(owner);
    const result = await owner.session.gql(Update, { input: { challengeId: draft.id, expectedVersion: 1, budgetMaxGbp: 1000 } });
    expect(fieldsOf(result)).toEqual(['budgetMaxGbp']);
    const kpi = await owner.session.gql(Update, {
      input: {
        challengeId: draft.id,
        expectedVersion: 1,
        kpis: [{ name: 'waiting time', unit: 'days', baseline: 10, target: 12, direction: 'DECREASE' }],
      },
    });
    expect(fieldsOf(kpi)).toEqual(['kpis.0.target']);
  });
});

describe('visibility', () => {
  it('hides a DRAFT from everyone but the owner and staff, exactly like a missing id', async () => {
    const draft = await draftChallenge(owner);
    const missingId = new Types.ObjectId().toHexString();
    for (const session of [app.session(), startup.session, otherBody.session]) {
      const hidden = await session.gql(Get, { id: draft.id });
      const missing = await session.gql(Get, { id: missingId });
      expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(hidden.errors?.[0]?.message.replace(draft.id, 'ID')).toBe(missing.errors?.[0]?.message.replace(missingId, 'ID'));
      expect(hidden.status).toBe(missing.status);
    }
    expect((await owner.session.gqlOk(Get, { id: draft.id })).challenge?.status).toBe('DRAFT');
    expect((await staff.session.gqlOk(Get, { id: draft.id })).challenge?.status).toBe('DRAFT');
  });

  it('treats a malformed id as missing', async () => {
    expect((await app.session().gql(Get, { id: '{"$ne": null}' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('shows OPEN challenges to everyone, but counts and feedback only to the owner and staff', async () => {
    const open = await openChallenge(owner, staff.session);
    await respond(await registerOrganisation(app, 'STARTUP'), open.id);
    await respond(await registerOrganisation(app, 'STARTUP'), open.id);
    const withdrawing = await registerOrganisation(app, 'STARTUP');
    const withdrawn = await respond(withdrawing, open.id);
    await withdrawing.session.gqlOk(WithdrawResponse, { input: { responseId: withdrawn.id, expectedVersion: withdrawn.version } });
    for (const session of [app.session(), startup.session, otherBody.session]) {
      expect((await session.gqlOk(Get, { id: open.id })).challenge).toMatchObject({ status: 'OPEN', responseCount: null, staffFeedback: null });
    }
    expect((await owner.session.gqlOk(Get, { id: open.id })).challenge?.responseCount).toBe(2);
    expect((await staff.session.gqlOk(Get, { id: open.id })).challenge?.responseCount).toBe(2);
  });
});

describe('challenges list', () => {
  let body: Account;
  let colleague: Account;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    body = await registerOrganisation(app, 'PUBLIC_BODY');
    colleague = await addMember(app, body);
    ids.housing = (await openChallenge(body, staff.session, { title: 'Housing in London', sectors: ['HOUSING'], region: 'LONDON' })).id;
    ids.transport = (
      await openChallenge(body, staff.session, { title: 'Transport in Wales', sectors: ['TRANSPORT_AND_PARKING'], region: 'WALES' })
    ).id;
    ids.both = (
      await openChallenge(body, staff.session, { title: 'Housing and transport', sectors: ['HOUSING', 'TRANSPORT_AND_PARKING'], region: 'UK_WIDE' })
    ).id;
    ids.draft = (await draftChallenge(body, { title: 'A draft nobody else sees' })).id;
    ids.submitted = (await submittedChallenge(body, { title: 'Waiting for review' })).id;
  });

  const listIds = async (account: Account | null, filter: object, first = 50) => {
    const session = account ? account.session : app.session();
    const data = await session.gqlOk(List, { filter: { organisationId: body.organisationId, ...filter }, first });
    return { ids: data.challenges.edges.map((edge) => edge.node.id), totalCount: data.challenges.totalCount };
  };

  it('shows outsiders only OPEN challenges, newest first', async () => {
    expect(await listIds(null, {})).toEqual({ ids: [ids.both, ids.transport, ids.housing], totalCount: 3 });
    expect(await listIds(startup, {})).toEqual({ ids: [ids.both, ids.transport, ids.housing], totalCount: 3 });
  });

  it('shows members of the owning body and staff every state', async () => {
    const expected = [ids.submitted, ids.draft, ids.both, ids.transport, ids.housing];
    expect((await listIds(colleague, {})).ids).toEqual(expected);
    expect((await listIds(staff, {})).ids).toEqual(expected);
  });

  it('filters by sectors (any of) and region', async () => {
    expect((await listIds(startup, { sectors: ['HOUSING'] })).ids).toEqual([ids.both, ids.housing]);
    expect((await listIds(startup, { sectors: ['HOUSING', 'TRANSPORT_AND_PARKING'] })).ids).toEqual([ids.both, ids.transport, ids.housing]);
    expect((await listIds(startup, { region: 'WALES' })).ids).toEqual([ids.transport]);
    expect((await listIds(startup, { region: 'WALES', sectors: ['HOUSING'] })).ids).toEqual([]);
  });

  it('applies a status filter only within what the viewer may see', async () => {
    expect(await listIds(startup, { status: 'DRAFT' })).toEqual({ ids: [], totalCount: 0 });
    expect(await listIds(otherBody, { status: 'SUBMITTED_FOR_REVIEW' })).toEqual({ ids: [], totalCount: 0 });
    expect((await listIds(colleague, { status: 'DRAFT' })).ids).toEqual([ids.draft]);
    expect((await listIds(staff, { status: 'SUBMITTED_FOR_REVIEW' })).ids).toEqual([ids.submitted]);
  });

  it('lists the viewer’s own organisations’ challenges with mine', async () => {
    const mine = await colleague.session.gqlOk(List, { filter: { mine: true }, first: 50 });
    expect(mine.challenges.edges.map((edge) => edge.node.id).sort()).toEqual(Object.values(ids).sort());
    expect((await startup.session.gqlOk(List, { filter: { mine: true } })).challenges.totalCount).toBe(0);
    expect((await app.session().gqlOk(List, { filter: { mine: true } })).challenges.totalCount).toBe(0);
  });

  it('pages with cursors and keeps the total across pages', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const data: ChallengesListQuery = await colleague.session.gqlOk(List, { filter: { organisationId: body.organisationId }, first: 2, after });
      const connection = data.challenges;
      expect(connection.totalCount).toBe(5);
      seen.push(...connection.edges.map((edge) => edge.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual([ids.submitted, ids.draft, ids.both, ids.transport, ids.housing]);
  });

  it('rejects bad paging and filter arguments naming the argument', async () => {
    expect(fieldsOf(await startup.session.gql(List, { first: 0 }))).toEqual(['first']);
    expect(fieldsOf(await startup.session.gql(List, { first: 101 }))).toEqual(['first']);
    expect(fieldsOf(await startup.session.gql(List, { after: 'not-a-cursor' }))).toEqual(['after']);
    expect(fieldsOf(await startup.session.gql(List, { filter: { organisationId: 'nope' } }))).toEqual(['filter.organisationId']);
  });
});
