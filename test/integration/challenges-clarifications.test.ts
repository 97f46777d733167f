import { graphql } from '../generated';
import { startTestApp, type TestApp, type TestSession } from '../testkit/test-app';
import { addMember, registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { draftChallenge, openChallenge, type VersionedRef } from '../testkit/challenges';

const Ask = graphql(`
  mutation ClarificationsAsk($input: AskClarificationInput!) {
    askClarification(input: $input) {
      id
      question
      answer
      askedByViewer
      askedAt
    }
  }
`);

const Answer = graphql(`
  mutation ClarificationsAnswer($input: AnswerClarificationInput!) {
    answerClarification(input: $input) {
      id
      answer
      answeredAt
    }
  }
`);

const ChallengeClarifications = graphql(`
  query ClarificationsOfChallenge($id: ID!) {
    challenge(id: $id) {
      id
      viewerCan {
        askQuestion
        answerQuestion
        respond
      }
      clarifications {
        id
        question
        answer
        askedByViewer
      }
    }
  }
`);

const ClarificationFields = graphql(`
  query ClarificationsTypeFields {
    __type(name: "Clarification") {
      fields {
        name
      }
    }
  }
`);

const Close = graphql(`
  mutation ClarificationsClose($input: ChallengeTransitionInput!) {
    closeChallenge(input: $input) {
      version
    }
  }
`);

let app: TestApp;
let owner: Account;
let ownerColleague: Account;
let otherBody: Account;
let asker: Account;
let askerColleague: Account;
let otherStartup: Account;
let staff: Account;
let challenge: VersionedRef;

beforeAll(async () => {
  app = await startTestApp();
  owner = await registerOrganisation(app, 'PUBLIC_BODY');
  ownerColleague = await addMember(app, owner);
  otherBody = await registerOrganisation(app, 'PUBLIC_BODY');
  asker = await registerOrganisation(app, 'STARTUP');
  askerColleague = await addMember(app, asker);
  otherStartup = await registerOrganisation(app, 'STARTUP');
  staff = await registerStaff(app);
  challenge = await openChallenge(owner, staff.session);
});
afterAll(() => app.close());

const ask = (session: TestSession, question = 'Can we get a sample of the repairs data before the pilot?') =>
  session.gql(Ask, { input: { challengeId: challenge.id, question } });

const visibleTo = async (session: TestSession) =>
  (await session.gqlOk(ChallengeClarifications, { id: challenge.id })).challenge?.clarifications ?? [];

describe('asking', () => {
  it('lets members of a verified start-up ask on an OPEN challenge', async () => {
    expect((await asker.session.gqlOk(ChallengeClarifications, { id: challenge.id })).challenge?.viewerCan).toEqual({
      askQuestion: true,
      answerQuestion: false,
      respond: true,
    });
    const result = await ask(asker.session);
    expect(result.data?.askClarification).toMatchObject({ answer: null, askedByViewer: true });
  });

  it('refuses everyone else with the right code', async () => {
    const unverified = await registerOrganisation(app, 'STARTUP', { verified: false });
    const codes = {
      anonymous: (await ask(app.session())).errors?.[0]?.extensions?.code,
      owner: (await ask(owner.session)).errors?.[0]?.extensions?.code,
      otherPublicBody: (await ask(otherBody.session)).errors?.[0]?.extensions?.code,
      staff: (await ask(staff.session)).errors?.[0]?.extensions?.code,
      unverifiedStartup: (await ask(unverified.session)).errors?.[0]?.extensions?.code,
    };
    expect(codes).toEqual({
      anonymous: 'UNAUTHENTICATED',
      owner: 'FORBIDDEN',
      otherPublicBody: 'FORBIDDEN',
      staff: 'FORBIDDEN',
      unverifiedStartup: 'NOT_ELIGIBLE',
    });
  });

  it('cannot ask about a challenge the start-up cannot see', async () => {
    const draft = await draftChallenge(owner);
    const result = await asker.session.gql(Ask, { input: { challengeId: draft.id, question: 'Is this challenge still being written?' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('names the question when it is too short', async () => {
    const result = await ask(asker.session, 'Why?');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'question' }] });
  });
});

describe('visibility and anonymity', () => {
  it('shows an unanswered question to the owner, staff and the asking start-up only; the answer to everyone', async () => {
    const question = 'Which case-management system do you use today?';
    const asked = (await asker.session.gqlOk(Ask, { input: { challengeId: challenge.id, question } })).askClarification;
    const ids = async (session: TestSession) => (await visibleTo(session)).map((c) => c.id);

    expect(await ids(owner.session)).toContain(asked.id);
    expect(await ids(ownerColleague.session)).toContain(asked.id);
    expect(await ids(staff.session)).toContain(asked.id);
    expect(await ids(asker.session)).toContain(asked.id);
    expect(await ids(askerColleague.session)).toContain(asked.id);
    expect(await ids(otherStartup.session)).not.toContain(asked.id);
    expect(await ids(otherBody.session)).not.toContain(asked.id);
    expect(await ids(app.session())).not.toContain(asked.id);

    await ownerColleague.session.gqlOk(Answer, { input: { clarificationId: asked.id, answer: 'Northgate, with a nightly export.' } });

    for (const session of [app.session(), otherStartup.session, otherBody.session, owner.session, staff.session]) {
      expect((await visibleTo(session)).find((c) => c.id === asked.id)).toEqual({
        id: asked.id,
        question,
        answer: 'Northgate, with a nightly export.',
        askedByViewer: false,
      });
    }
    for (const session of [asker.session, askerColleague.session]) {
      expect((await visibleTo(session)).find((c) => c.id === asked.id)?.askedByViewer).toBe(true);
    }
  });

  it('publishes nothing about who asked', async () => {
    const data = await app.session().gqlOk(ClarificationFields);
    expect(data.__type?.fields?.map((field) => field.name).sort()).toEqual(
      ['answer', 'answeredAt', 'askedAt', 'askedByViewer', 'id', 'question'].sort(),
    );
  });
});

describe('answering', () => {
  it('lets only members of the owning public body answer, once', async () => {
    const asked = (await asker.session.gqlOk(Ask, { input: { challengeId: challenge.id, question: 'Is there budget for scale-up after the pilot?' } }))
      .askClarification;
    const answer = (session: TestSession, text = 'Yes, via the housing framework.') =>
      session.gql(Answer, { input: { clarificationId: asked.id, answer: text } });
    const codes = {
      anonymous: (await answer(app.session())).errors?.[0]?.extensions?.code,
      asker: (await answer(asker.session)).errors?.[0]?.extensions?.code,
      otherStartup: (await answer(otherStartup.session)).errors?.[0]?.extensions?.code,
      otherPublicBody: (await answer(otherBody.session)).errors?.[0]?.extensions?.code,
      staff: (await answer(staff.session)).errors?.[0]?.extensions?.code,
    };
    expect(codes).toEqual({
      anonymous: 'UNAUTHENTICATED',
      asker: 'FORBIDDEN',
      otherStartup: 'NOT_FOUND',
      otherPublicBody: 'NOT_FOUND',
      staff: 'FORBIDDEN',
    });
    expect((await answer(owner.session, '')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'answer' }] });

    const answered = await answer(owner.session);
    expect(answered.data?.answerClarification.answeredAt).toMatch(/^\d{4}-/);
    const again = await answer(ownerColleague.session, 'A different answer.');
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', currentState: 'ANSWERED' });
  });

  it('treats a malformed or unknown clarification id as NOT_FOUND', async () => {
    for (const clarificationId of ['nope', '0123456789abcdef01234567']) {
      const result = await owner.session.gql(Answer, { input: { clarificationId, answer: 'Anything at all.' } });
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('still lets the owner answer after closing, but no one can ask any more', async () => {
    const own = await openChallenge(owner, staff.session);
    const asked = (await asker.session.gqlOk(Ask, { input: { challengeId: own.id, question: 'What does success look like in month one?' } }))
      .askClarification;
    await owner.session.gqlOk(Close, { input: { challengeId: own.id, expectedVersion: own.version } });
    const late = await asker.session.gql(Ask, { input: { challengeId: own.id, question: 'Can we still ask questions now?' } });
    expect(late.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const answered = await owner.session.gql(Answer, { input: { clarificationId: asked.id, answer: 'Fewer overdue cases.' } });
    expect(answered.errors).toBeUndefined();
  });
});
