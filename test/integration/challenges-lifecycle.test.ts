import { graphql } from '../generated';
import type { ChallengeTransitionInput } from '../generated/graphql';
import { ChallengeModel } from '../../server/src/challenges/challenge.model';
import { closeExpiredChallenges } from '../../server/src/challenges/challenge.service';
import { startTestApp, type TestApp, type TestSession } from '../testkit/test-app';
import { addMember, registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { challengeInput, draftChallenge, openChallenge, submittedChallenge, type VersionedRef } from '../testkit/challenges';

// Registered for codegen; the operations below spread it.
graphql(`
  fragment LifecycleFields on Challenge {
    id
    version
    status
    closeReason
    publishedAt
    closedAt
    staffFeedback
    allowedEvents
  }
`);

const Submit = graphql(`
  mutation LifecycleSubmit($input: ChallengeTransitionInput!) {
    submitChallenge(input: $input) {
      ...LifecycleFields
    }
  }
`);
const Publish = graphql(`
  mutation LifecyclePublish($input: ChallengeTransitionInput!) {
    publishChallenge(input: $input) {
      ...LifecycleFields
    }
  }
`);
const RequestChanges = graphql(`
  mutation LifecycleRequestChanges($input: RequestChallengeChangesInput!) {
    requestChallengeChanges(input: $input) {
      ...LifecycleFields
    }
  }
`);
const Close = graphql(`
  mutation LifecycleClose($input: ChallengeTransitionInput!) {
    closeChallenge(input: $input) {
      ...LifecycleFields
    }
  }
`);
const Withdraw = graphql(`
  mutation LifecycleWithdraw($input: ChallengeTransitionInput!) {
    withdrawChallenge(input: $input) {
      ...LifecycleFields
    }
  }
`);
const Archive = graphql(`
  mutation LifecycleArchive($input: ChallengeTransitionInput!) {
    archiveChallenge(input: $input) {
      ...LifecycleFields
    }
  }
`);
const Create = graphql(`
  mutation LifecycleCreate($input: CreateChallengeInput!) {
    createChallenge(input: $input) {
      ...LifecycleFields
    }
  }
`);
const Update = graphql(`
  mutation LifecycleUpdate($input: UpdateChallengeInput!) {
    updateChallenge(input: $input) {
      ...LifecycleFields
      title
    }
  }
`);
const Get = graphql(`
  query LifecycleChallenge($id: ID!) {
    challenge(id: $id) {
      ...LifecycleFields
      viewerCan {
        update
        submit
        publish
        requestChanges
        close
        withdraw
        archive
        askQuestion
        answerQuestion
        respond
      }
    }
  }
`);
const ListClosed = graphql(`
  query LifecycleList($filter: ChallengeFilter) {
    challenges(filter: $filter, first: 100) {
      totalCount
      edges {
        node {
          id
          status
        }
      }
    }
  }
`);

const transition = (ref: VersionedRef): { input: ChallengeTransitionInput } => ({
  input: { challengeId: ref.id, expectedVersion: ref.version },
});

let app: TestApp;
let owner: Account;
let colleague: Account;
let otherBody: Account;
let startup: Account;
let staff: Account;
let admin: TestSession;

beforeAll(async () => {
  app = await startTestApp();
  owner = await registerOrganisation(app, 'PUBLIC_BODY');
  colleague = await addMember(app, owner);
  otherBody = await registerOrganisation(app, 'PUBLIC_BODY');
  startup = await registerOrganisation(app, 'STARTUP');
  staff = await registerStaff(app);
  admin = await app.admin();
});
afterAll(() => app.close());

describe('the lifecycle through the API', () => {
  it('goes draft → review → changes requested → review → open → closed → archived', async () => {
    const draft = await draftChallenge(owner);
    expect(draft).toMatchObject({ status: 'DRAFT', version: 1 });

    const submitted = (await owner.session.gqlOk(Submit, transition(draft))).submitChallenge;
    expect(submitted).toMatchObject({ status: 'SUBMITTED_FOR_REVIEW', version: 2, allowedEvents: ['WITHDRAW'] });

    const sentBack = (
      await staff.session.gqlOk(RequestChanges, { input: { ...transition(submitted).input, feedback: 'Please give a baseline source for the KPI.' } })
    ).requestChallengeChanges;
    expect(sentBack).toMatchObject({ status: 'DRAFT', staffFeedback: 'Please give a baseline source for the KPI.' });

    const ownerView = (await owner.session.gqlOk(Get, { id: draft.id })).challenge;
    expect(ownerView).toMatchObject({ staffFeedback: 'Please give a baseline source for the KPI.', allowedEvents: ['UPDATE', 'SUBMIT', 'WITHDRAW'] });
    expect(ownerView?.viewerCan).toMatchObject({ update: true, submit: true, publish: false, withdraw: true });

    const edited = (await colleague.session.gqlOk(Update, { input: { ...transition(sentBack).input, title: 'A better title for the challenge' } }))
      .updateChallenge;
    const resubmitted = (await colleague.session.gqlOk(Submit, transition(edited))).submitChallenge;

    const staffView = (await staff.session.gqlOk(Get, { id: draft.id })).challenge;
    expect(staffView?.allowedEvents).toEqual(['PUBLISH', 'REQUEST_CHANGES']);
    expect(staffView?.viewerCan).toMatchObject({ publish: true, requestChanges: true, update: false, submit: false, withdraw: false });

    const opened = (await staff.session.gqlOk(Publish, transition(resubmitted))).publishChallenge;
    expect(opened).toMatchObject({ status: 'OPEN', staffFeedback: null });
    expect(opened.publishedAt).toMatch(/^\d{4}-/);

    const closed = (await owner.session.gqlOk(Close, transition(opened))).closeChallenge;
    expect(closed).toMatchObject({ status: 'CLOSED', closeReason: 'CLOSED_EARLY' });
    expect(closed.closedAt).toMatch(/^\d{4}-/);

    const archived = (await staff.session.gqlOk(Archive, transition(closed))).archiveChallenge;
    expect(archived).toMatchObject({ status: 'ARCHIVED', allowedEvents: [], version: 8 });
  });

  it('lets the owner withdraw from DRAFT, SUBMITTED_FOR_REVIEW and OPEN, and archive afterwards', async () => {
    for (const ref of [await draftChallenge(owner), await submittedChallenge(owner), await openChallenge(owner, staff.session)]) {
      const withdrawn = (await owner.session.gqlOk(Withdraw, transition(ref))).withdrawChallenge;
      expect(withdrawn.status).toBe('WITHDRAWN');
      expect((await owner.session.gqlOk(Archive, transition(withdrawn))).archiveChallenge.status).toBe('ARCHIVED');
    }
  });

  it('refuses an illegal transition with INVALID_TRANSITION naming the current state and allowed events', async () => {
    const draft = await draftChallenge(owner);
    const result = await staff.session.gql(Publish, transition(draft));
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_TRANSITION',
      currentState: 'DRAFT',
      event: 'PUBLISH',
      allowedEvents: ['UPDATE', 'SUBMIT', 'WITHDRAW'],
    });
    expect(result.errors?.[0]?.message).toContain('DRAFT');

    const open = await openChallenge(owner, staff.session);
    const edit = await owner.session.gql(Update, { input: { ...transition(open).input, title: 'Changing a published challenge' } });
    expect(edit.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', currentState: 'OPEN', allowedEvents: ['CLOSE', 'WITHDRAW'] });
  });

  it('lets an unverified public body draft but not submit', async () => {
    const unverified = await registerOrganisation(app, 'PUBLIC_BODY', { verified: false });
    const draft = await draftChallenge(unverified);
    const view = (await unverified.session.gqlOk(Get, { id: draft.id })).challenge;
    expect(view?.viewerCan).toMatchObject({ update: true, submit: false });
    expect(view?.allowedEvents).toEqual(['UPDATE', 'WITHDRAW']);
    const result = await unverified.session.gql(Submit, transition(draft));
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_ELIGIBLE');
  });

  it('refuses to submit or publish once the deadline has passed, naming the field', async () => {
    const draft = await draftChallenge(owner);
    await ChallengeModel.updateOne({ _id: draft.id }, { $set: { responseDeadline: new Date(Date.now() - 1000) } });
    const result = await owner.session.gql(Submit, transition(draft));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'responseDeadline' }] });
  });

  it('requires feedback when staff request changes', async () => {
    const submitted = await submittedChallenge(owner);
    const result = await staff.session.gql(RequestChanges, { input: { ...transition(submitted).input, feedback: ' ' } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'feedback' }] });
  });
});

describe('who may fire each mutation', () => {
  type Outcome = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';
  type Actor = 'anonymous' | 'ownerMember' | 'otherPublicBody' | 'startup' | 'staff' | 'admin';
  const sessionOf = (actor: Actor): TestSession =>
    ({
      anonymous: app.session(),
      ownerMember: colleague.session,
      otherPublicBody: otherBody.session,
      startup: startup.session,
      staff: staff.session,
      admin,
    })[actor];

  const closed = async () => {
    const open = await openChallenge(owner, staff.session);
    return (await owner.session.gqlOk(Close, transition(open))).closeChallenge;
  };

  const cases: {
    mutation: string;
    setup: () => Promise<VersionedRef>;
    run: (session: TestSession, ref: VersionedRef) => Promise<{ errors?: { extensions?: { code?: string } }[] }>;
    expected: Record<Actor, Outcome>;
  }[] = [
    {
      mutation: 'updateChallenge (DRAFT)',
      setup: () => draftChallenge(owner),
      run: (session, ref) => session.gql(Update, { input: { ...transition(ref).input, title: 'Edited title here' } }),
      expected: { anonymous: 'UNAUTHENTICATED', ownerMember: 'OK', otherPublicBody: 'NOT_FOUND', startup: 'NOT_FOUND', staff: 'FORBIDDEN', admin: 'FORBIDDEN' },
    },
    {
      mutation: 'submitChallenge (DRAFT)',
      setup: () => draftChallenge(owner),
      run: (session, ref) => session.gql(Submit, transition(ref)),
      expected: { anonymous: 'UNAUTHENTICATED', ownerMember: 'OK', otherPublicBody: 'NOT_FOUND', startup: 'NOT_FOUND', staff: 'FORBIDDEN', admin: 'FORBIDDEN' },
    },
    {
      mutation: 'publishChallenge (SUBMITTED_FOR_REVIEW)',
      setup: () => submittedChallenge(owner),
      run: (session, ref) => session.gql(Publish, transition(ref)),
      expected: { anonymous: 'UNAUTHENTICATED', ownerMember: 'FORBIDDEN', otherPublicBody: 'NOT_FOUND', startup: 'NOT_FOUND', staff: 'OK', admin: 'OK' },
    },
    {
      mutation: 'requestChallengeChanges (SUBMITTED_FOR_REVIEW)',
      setup: () => submittedChallenge(owner),
      run: (session, ref) => session.gql(RequestChanges, { input: { ...transition(ref).input, feedback: 'Tighten the success measures.' } }),
      expected: { anonymous: 'UNAUTHENTICATED', ownerMember: 'FORBIDDEN', otherPublicBody: 'NOT_FOUND', startup: 'NOT_FOUND', staff: 'OK', admin: 'OK' },
    },
    {
      mutation: 'closeChallenge (OPEN)',
      setup: () => openChallenge(owner, staff.session),
      run: (session, ref) => session.gql(Close, transition(ref)),
      expected: { anonymous: 'UNAUTHENTICATED', ownerMember: 'OK', otherPublicBody: 'FORBIDDEN', startup: 'FORBIDDEN', staff: 'OK', admin: 'OK' },
    },
    {
      mutation: 'withdrawChallenge (OPEN)',
      setup: () => openChallenge(owner, staff.session),
      run: (session, ref) => session.gql(Withdraw, transition(ref)),
      expected: { anonymous: 'UNAUTHENTICATED', ownerMember: 'OK', otherPublicBody: 'FORBIDDEN', startup: 'FORBIDDEN', staff: 'FORBIDDEN', admin: 'FORBIDDEN' },
    },
    {
      mutation: 'archiveChallenge (CLOSED)',
      setup: closed,
      run: (session, ref) => session.gql(Archive, transition(ref)),
      expected: { anonymous: 'UNAUTHENTICATED', ownerMember: 'OK', otherPublicBody: 'NOT_FOUND', startup: 'NOT_FOUND', staff: 'OK', admin: 'OK' },
    },
  ];

  it.each(cases.map((c) => [c.mutation, c] as const))('%s', async (_name, { setup, run, expected }) => {
    const actual: Record<string, Outcome> = {};
    for (const actor of Object.keys(expected) as Actor[]) {
      const ref = await setup();
      const result = await run(sessionOf(actor), ref);
      actual[actor] = (result.errors?.[0]?.extensions?.code as Outcome | undefined) ?? 'OK';
    }
    expect(actual).toEqual(expected);
  });

  it('createChallenge: only members of the public body, for that body', async () => {
    const actual: Record<string, string> = {};
    for (const actor of ['anonymous', 'ownerMember', 'otherPublicBody', 'startup', 'staff', 'admin'] as Actor[]) {
      const result = await sessionOf(actor).gql(Create, { input: challengeInput(owner.organisationId) });
      actual[actor] = result.errors?.[0]?.extensions?.code ?? 'OK';
    }
    expect(actual).toEqual({
      anonymous: 'UNAUTHENTICATED',
      ownerMember: 'OK',
      otherPublicBody: 'FORBIDDEN',
      startup: 'FORBIDDEN',
      staff: 'FORBIDDEN',
      admin: 'FORBIDDEN',
    });
  });

  it('createChallenge: a start-up cannot create one even for its own organisation', async () => {
    const result = await startup.session.gql(Create, { input: challengeInput(startup.organisationId) });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('createChallenge: privileged fields are not part of the input', async () => {
    const before = await ChallengeModel.countDocuments({});
    for (const privileged of [{ status: 'OPEN' }, { createdBy: owner.userId }, { publishedAt: new Date().toISOString() }, { version: 7 }]) {
      const result = await owner.session.gql(Create, { input: { ...challengeInput(owner.organisationId), ...privileged } });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await ChallengeModel.countDocuments({})).toBe(before);
    const created = (await owner.session.gqlOk(Create, { input: challengeInput(owner.organisationId) })).createChallenge;
    expect(created).toMatchObject({ status: 'DRAFT', version: 1, publishedAt: null });
    expect((await ChallengeModel.findById(created.id).lean())?.createdBy.toHexString()).toBe(owner.userId);
  });
});

describe('versions', () => {
  it('refuses a stale expectedVersion with VERSION_CONFLICT and the current version', async () => {
    const draft = await draftChallenge(owner);
    await owner.session.gqlOk(Update, { input: { ...transition(draft).input, title: 'First edit of this title' } });
    const stale = await colleague.session.gql(Update, { input: { ...transition(draft).input, title: 'Second edit, stale' } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    const staleSubmit = await owner.session.gql(Submit, transition(draft));
    expect(staleSubmit.errors?.[0]?.extensions).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
  });

  it('lets exactly one of two concurrent edits at the same version win', async () => {
    const draft = await draftChallenge(owner);
    const results = await Promise.all([
      owner.session.gql(Update, { input: { ...transition(draft).input, title: 'Edit from the owner' } }),
      colleague.session.gql(Update, { input: { ...transition(draft).input, title: 'Edit from the colleague' } }),
    ]);
    const codes = results.map((result) => result.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['OK', 'VERSION_CONFLICT']);
    const stored = await ChallengeModel.findById(draft.id).lean();
    expect(stored?.version).toBe(2);
  });
});

describe('deadlines', () => {
  const expire = (ref: VersionedRef, deadline = new Date(Date.now() - 60_000)) =>
    ChallengeModel.updateOne({ _id: ref.id }, { $set: { responseDeadline: deadline } }).then(() => deadline);

  it('reads an OPEN challenge whose deadline passed as CLOSED without writing; the sweeper stores the close once', async () => {
    const open = await openChallenge(owner, staff.session);
    const deadline = await expire(open);
    const reads = await Promise.all([owner.session.gqlOk(Get, { id: open.id }), staff.session.gqlOk(Get, { id: open.id })]);
    for (const read of reads) {
      expect(read.challenge).toMatchObject({ status: 'CLOSED', closeReason: 'DEADLINE_PASSED', closedAt: deadline.toISOString(), version: open.version });
    }
    expect(reads[0].challenge?.viewerCan).toMatchObject({ close: false, respond: false, askQuestion: false, archive: true });
    expect(await ChallengeModel.findById(open.id).lean()).toMatchObject({ status: 'OPEN', version: open.version });

    expect(await closeExpiredChallenges(app.system())).toBeGreaterThanOrEqual(1);
    expect(await ChallengeModel.findById(open.id).lean()).toMatchObject({ status: 'CLOSED', closeReason: 'DEADLINE_PASSED', closedAt: deadline, version: open.version + 1 });
    expect((await owner.session.gqlOk(Get, { id: open.id })).challenge).toMatchObject({ status: 'CLOSED', version: open.version + 1 });
  });

  it('stores the deadline close with whatever a person fires on an expired challenge before the sweep', async () => {
    const open = await openChallenge(owner, staff.session);
    const deadline = await expire(open);
    const archived = await owner.session.gqlOk(Archive, transition(open));
    expect(archived.archiveChallenge).toMatchObject({ status: 'ARCHIVED', version: open.version + 1 });
    expect(await ChallengeModel.findById(open.id).lean()).toMatchObject({ status: 'ARCHIVED', closeReason: 'DEADLINE_PASSED', closedAt: deadline });
  });

  it('hides it from start-ups and anonymous visitors once the deadline passes', async () => {
    const open = await openChallenge(owner, staff.session);
    expect((await startup.session.gqlOk(Get, { id: open.id })).challenge?.status).toBe('OPEN');
    await expire(open);
    expect((await startup.session.gql(Get, { id: open.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await app.session().gql(Get, { id: open.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lists expired challenges as CLOSED, so status filters are right before any sweep', async () => {
    const open = await openChallenge(owner, staff.session);
    await expire(open);
    const openList = await startup.session.gqlOk(ListClosed, { filter: { organisationId: owner.organisationId, status: 'OPEN' } });
    expect(openList.challenges.edges.map((edge) => edge.node.id)).not.toContain(open.id);
    const closedList = await owner.session.gqlOk(ListClosed, { filter: { mine: true, status: 'CLOSED' } });
    expect(closedList.challenges.edges.find((edge) => edge.node.id === open.id)?.node.status).toBe('CLOSED');
  });

  it('refuses to close early what the deadline already closed', async () => {
    const open = await openChallenge(owner, staff.session);
    await expire(open);
    const result = await owner.session.gql(Close, transition(open));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', currentState: 'CLOSED', allowedEvents: ['ARCHIVE'] });
  });
});
