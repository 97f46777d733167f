import { graphql } from '../generated';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { addMember, registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { openChallenge } from '../testkit/challenges';
import { respond } from '../testkit/marketplace';
import { introducedMatch } from '../testkit/pilots';
import { collaboratorsOf, notificationWorker, notificationsOf, notificationsOfKind, NotificationsList } from '../testkit/notifications';
import { workerJobs } from '../../server/src/worker-jobs';
import type { PeriodicJob } from '../../server/src/search-sync/periodic-jobs';

/**
 * Notifications through GraphQL against the real database: each domain event, delivered by the
 * event dispatcher, notifies the members of the organisations it concerns (never the person who
 * acted, staff only when it concerns them), once; immediate email, daily digests and OFF per kind;
 * reading, marking read and the unread count; the overdue sweeper as the only writer of overdue events.
 */

const AskQuestion = graphql(`
  mutation NotificationsAsk($input: AskClarificationInput!) {
    askClarification(input: $input) {
      id
    }
  }
`);

const AnswerQuestion = graphql(`
  mutation NotificationsAnswer($input: AnswerClarificationInput!) {
    answerClarification(input: $input) {
      id
    }
  }
`);

const DeclineIntroduction = graphql(`
  mutation NotificationsDecline($input: DeclineMatchInput!) {
    declineMatch(input: $input) {
      id
      status
    }
  }
`);

const StartPilot = graphql(`
  mutation NotificationsStartPilot($input: StartPilotInput!) {
    startPilot(input: $input) {
      id
      version
    }
  }
`);

const GoLive = graphql(`
  mutation NotificationsGoLive($input: PilotTransitionInput!) {
    goLivePilot(input: $input) {
      id
      version
    }
  }
`);

const AddMilestone = graphql(`
  mutation NotificationsAddMilestone($input: AddPilotMilestoneInput!) {
    addPilotMilestone(input: $input) {
      id
      version
      milestones {
        id
        title
      }
    }
  }
`);

const RecordMeasurement = graphql(`
  mutation NotificationsRecordMeasurement($input: RecordPilotMeasurementInput!) {
    recordPilotMeasurement(input: $input) {
      id
    }
  }
`);

const PilotMilestones = graphql(`
  query NotificationsPilotMilestones($id: ID!) {
    pilot(id: $id) {
      milestones {
        id
        overdue
      }
    }
  }
`);

const MarkRead = graphql(`
  mutation NotificationsMarkRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input) {
      markedCount
      unreadCount
    }
  }
`);

const Preferences = graphql(`
  query NotificationsPreferences {
    notificationPreferences {
      kind
      delivery
    }
  }
`);

const SetPreferences = graphql(`
  mutation NotificationsSetPreferences($input: SetNotificationPreferencesInput!) {
    setNotificationPreferences(input: $input) {
      kind
      delivery
    }
  }
`);

const DAY_MS = 24 * 3600 * 1000;
let offsetMs = 0;
/** The app's clock: real time plus however far a test has moved it. */
const clock = () => new Date(Date.now() + offsetMs);
const PAPER_FORMS = { name: 'paper forms per week', unit: 'forms', baseline: 40, target: 16, direction: 'DECREASE' as const };

let app: TestApp;
let body: Account;
let bodyMember: Account;
let startup: Account;
let startupMember: Account;
let staff: Account;
let challengeId: string;

beforeAll(async () => {
  app = await startTestApp({ LOGIN_MAX_ATTEMPTS: '1000' }, { search: true, clock });
  body = await registerOrganisation(app, 'PUBLIC_BODY', { label: 'police-force' });
  bodyMember = await addMember(app, body);
  startup = await registerOrganisation(app, 'STARTUP', { label: 'mobile-forms' });
  startupMember = await addMember(app, startup);
  staff = await registerStaff(app);
  challengeId = (await openChallenge(body, staff.session, { title: 'Paperless custody records', kpis: [PAPER_FORMS], pilotLengthWeeks: 10 })).id;
}, 180_000);
afterAll(() => app.close());
afterEach(() => {
  offsetMs = 0;
});

const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code;
// The production consumers, as the worker loop runs them (the matcher's among them).
const deliver = () => app.dispatcher!.drain();
/** The notification emails (not invitations) sent to the account. */
const mailTo = (account: Account) =>
  app.mailer.sent.filter((message) => message.to === account.email.toLowerCase() && message.text.includes(`${app.config.publicUrl}/notifications`));
const job = (name: string): PeriodicJob => workerJobs(collaboratorsOf(app)).find((candidate) => candidate.name === name)!;

async function markAllRead(...accounts: Account[]) {
  for (const account of accounts) await account.session.gqlOk(MarkRead, { input: { all: true } });
}

describe('what each event notifies, and whom', () => {
  beforeEach(() => markAllRead(body, bodyMember, startup, startupMember, staff));

  it('tells the public body’s members of a new response to their challenge, once, by email too', async () => {
    const response = await respond(startup, challengeId);
    await deliver();
    await deliver();
    for (const member of [body, bodyMember]) {
      const received = await notificationsOfKind(member.session, 'RESPONSE_RECEIVED');
      expect(received.filter((notification) => notification.subject.id === response.id)).toEqual([
        expect.objectContaining({ title: 'New response to "Paperless custody records"', read: false, subject: { kind: 'RESPONSE', id: response.id, challengeId } }),
      ]);
      const mail = mailTo(member).filter((message) => message.subject === 'New response to "Paperless custody records"');
      expect(mail).toHaveLength(1);
      expect(mail[0]!.text).not.toMatch(/token|invitation/i);
    }
    for (const other of [startup, startupMember, staff]) expect(await notificationsOfKind(other.session, 'RESPONSE_RECEIVED')).toEqual([]);
    const badge = await body.session.gqlOk(NotificationsList, { unreadOnly: true });
    expect(badge.viewer?.unreadNotificationCount).toBe(1);
    expect(badge.notifications.unreadCount).toBe(1);
  }, 60_000);

  it('tells the asking start-up’s members that their question was answered', async () => {
    const question = (await startupMember.session.gqlOk(AskQuestion, { input: { challengeId, question: 'Do officers use the forms offline in custody suites?' } })).askClarification;
    await body.session.gqlOk(AnswerQuestion, { input: { clarificationId: question.id, answer: 'Yes: most custody suites have no signal.' } });
    await deliver();
    for (const member of [startup, startupMember]) {
      expect(await notificationsOfKind(member.session, 'QUESTION_ANSWERED')).toEqual([
        expect.objectContaining({ subject: { kind: 'CLARIFICATION', id: question.id, challengeId } }),
      ]);
    }
    for (const other of [body, bodyMember, staff]) expect(await notificationsOfKind(other.session, 'QUESTION_ANSWERED')).toEqual([]);
  }, 60_000);

  it('tells both sides of an introduction, and the staff who made it how it ended, never the one who acted', async () => {
    const matchId = await introducedMatch(staff.session, body, startup, challengeId);
    await deliver();
    const about = <T extends { subject: { id: string } }>(list: T[]) => list.filter((notification) => notification.subject.id === matchId);
    for (const side of [body, bodyMember, startup, startupMember]) expect(about(await notificationsOfKind(side.session, 'INTRODUCTION_MADE'))).toHaveLength(1);
    expect(about(await notificationsOfKind(staff.session, 'INTRODUCTION_MADE'))).toEqual([]);
    // The body accepted first, then the start-up: each hears of the other's acceptance, not of their own.
    const accepted = async (account: Account) => about(await notificationsOfKind(account.session, 'INTRODUCTION_ACCEPTED')).map((n) => n.body);
    expect(await accepted(body)).toEqual([expect.stringContaining('Both sides accepted')]);
    expect(await accepted(startup)).toEqual([expect.stringMatching(/accepted the introduction .*waiting for the other side/)]);
    expect(await accepted(bodyMember)).toHaveLength(2);
    expect(await accepted(startupMember)).toHaveLength(2);
    expect(await accepted(staff)).toHaveLength(2);

    const declinedId = await introducedMatch(staff.session, body, startup, challengeId, { accepted: false });
    await startup.session.gqlOk(DeclineIntroduction, { input: { matchId: declinedId, reason: 'We cannot support offline use this year.' } });
    await deliver();
    for (const told of [body, bodyMember, startupMember, staff]) {
      const declined = (await notificationsOfKind(told.session, 'INTRODUCTION_DECLINED')).filter((notification) => notification.subject.id === declinedId);
      expect(declined).toEqual([expect.objectContaining({ body: expect.stringContaining('We cannot support offline use this year.') })]);
    }
    expect(await notificationsOfKind(startup.session, 'INTRODUCTION_DECLINED')).toEqual([]);
  }, 120_000);

  it('tells a pilot’s members that it started, of each KPI recorded, and once of each milestone overdue, found by the sweeper alone', async () => {
    const matchId = await introducedMatch(staff.session, body, startup, challengeId);
    let pilot = (await body.session.gqlOk(StartPilot, { input: { matchId } })).startPilot;
    const withMilestone = (
      await startup.session.gqlOk(AddMilestone, {
        input: { pilotId: pilot.id, title: 'Forms app in two custody suites', deliverable: 'App live', successCriterion: 'Used for every booking', dueOn: new Date(Date.now() + 2 * DAY_MS).toISOString() },
      })
    ).addPilotMilestone;
    pilot = (await body.session.gqlOk(GoLive, { input: { pilotId: pilot.id, expectedVersion: withMilestone.version } })).goLivePilot;
    await startupMember.session.gqlOk(RecordMeasurement, { input: { pilotId: pilot.id, kpiName: PAPER_FORMS.name, value: 31 } });
    await deliver();
    const ofPilot = async (account: Account, kind: Parameters<typeof notificationsOfKind>[1]) =>
      (await notificationsOfKind(account.session, kind)).filter((notification) => notification.subject.id === pilot.id);
    for (const told of [bodyMember, startup, startupMember]) expect(await ofPilot(told, 'PILOT_STARTED')).toHaveLength(1);
    expect(await ofPilot(body, 'PILOT_STARTED')).toEqual([]);
    for (const told of [body, bodyMember, startup]) {
      expect(await ofPilot(told, 'KPI_RECORDED')).toEqual([expect.objectContaining({ title: 'paper forms per week: 31 forms recorded' })]);
    }
    expect(await ofPilot(startupMember, 'KPI_RECORDED')).toEqual([]);

    // Three days on, the milestone reads as overdue, but reading it records nothing.
    offsetMs = 3 * DAY_MS;
    const read = await body.session.gqlOk(PilotMilestones, { id: pilot.id });
    expect(read.pilot?.milestones.map((milestone) => milestone.overdue)).toEqual([true]);
    await deliver();
    expect(await ofPilot(body, 'MILESTONE_OVERDUE')).toEqual([]);

    const sweeper = job('pilot-overdue-milestone-sweep');
    expect(await sweeper.run(clock())).toBe(1);
    expect(await sweeper.run(clock())).toBe(0);
    await deliver();
    for (const told of [body, bodyMember, startup, startupMember]) {
      expect(await ofPilot(told, 'MILESTONE_OVERDUE')).toEqual([expect.objectContaining({ title: 'Milestone overdue: Forms app in two custody suites' })]);
    }
    expect(await ofPilot(staff, 'MILESTONE_OVERDUE')).toEqual([]);
  }, 120_000);
});

describe('reading notifications', () => {
  let reader: Account;
  let ids: string[];

  beforeAll(async () => {
    reader = await addMember(app, body);
    const rival = await registerOrganisation(app, 'STARTUP', { label: 'rival' });
    const other = await registerOrganisation(app, 'STARTUP', { label: 'other' });
    await respond(rival, challengeId);
    await respond(other, challengeId);
    await deliver();
    ids = (await notificationsOf(reader.session)).map((notification) => notification.id);
  }, 120_000);

  it('pages newest first, filters unread ones, and marks some or all read', async () => {
    expect(ids).toHaveLength(2);
    const first = await reader.session.gqlOk(NotificationsList, { first: 1 });
    expect(first.notifications).toMatchObject({ totalCount: 2, unreadCount: 2, pageInfo: { hasNextPage: true } });
    const second = await reader.session.gqlOk(NotificationsList, { first: 1, after: first.notifications.pageInfo.endCursor });
    expect([...first.notifications.edges, ...second.notifications.edges].map((edge) => edge.node.id)).toEqual(ids);
    expect(second.notifications.pageInfo.hasNextPage).toBe(false);

    expect((await reader.session.gqlOk(MarkRead, { input: { ids: [ids[0]!] } })).markNotificationsRead).toEqual({ markedCount: 1, unreadCount: 1 });
    // Marking again changes nothing.
    expect((await reader.session.gqlOk(MarkRead, { input: { ids: [ids[0]!] } })).markNotificationsRead).toEqual({ markedCount: 0, unreadCount: 1 });
    const unread = await reader.session.gqlOk(NotificationsList, { unreadOnly: true });
    expect(unread.notifications.edges.map((edge) => edge.node.id)).toEqual([ids[1]]);
    expect(unread.viewer?.unreadNotificationCount).toBe(1);
    expect((await reader.session.gqlOk(MarkRead, { input: { all: true } })).markNotificationsRead).toEqual({ markedCount: 1, unreadCount: 0 });
    const all = await notificationsOf(reader.session);
    expect(all.every((notification) => notification.read && notification.readAt)).toBe(true);
  }, 60_000);

  it('refuses someone else’s notification, a malformed request, and anyone signed out', async () => {
    expect(codeOf(await startup.session.gql(MarkRead, { input: { ids: [ids[0]!] } }))).toBe('NOT_FOUND');
    expect(codeOf(await startup.session.gql(MarkRead, { input: { ids: ['not-an-id'] } }))).toBe('NOT_FOUND');
    expect(codeOf(await reader.session.gql(MarkRead, { input: { ids: [ids[0]!], all: true } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await reader.session.gql(MarkRead, { input: {} }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await reader.session.gql(NotificationsList, { first: 0 }))).toBe('BAD_USER_INPUT');
    const anonymous = app.session();
    expect(codeOf(await anonymous.gql(NotificationsList, {}))).toBe('UNAUTHENTICATED');
    expect(codeOf(await anonymous.gql(MarkRead, { input: { all: true } }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await anonymous.gql(Preferences))).toBe('UNAUTHENTICATED');
  }, 60_000);
});

describe('delivery preferences', () => {
  it('defaults to IMMEDIATE, and changes only the kinds given', async () => {
    const person = await addMember(app, startup);
    const initial = (await person.session.gqlOk(Preferences)).notificationPreferences;
    expect(initial.every((preference) => preference.delivery === 'IMMEDIATE')).toBe(true);
    expect(initial.map((preference) => preference.kind)).toContain('MILESTONE_OVERDUE');
    const changed = (
      await person.session.gqlOk(SetPreferences, { input: { preferences: [{ kind: 'KPI_RECORDED', delivery: 'OFF' }, { kind: 'PILOT_STARTED', delivery: 'DAILY_DIGEST' }] } })
    ).setNotificationPreferences;
    expect(changed.find((preference) => preference.kind === 'KPI_RECORDED')?.delivery).toBe('OFF');
    expect(changed.find((preference) => preference.kind === 'PILOT_STARTED')?.delivery).toBe('DAILY_DIGEST');
    expect(changed.filter((preference) => preference.delivery === 'IMMEDIATE')).toHaveLength(initial.length - 2);
    await person.session.gqlOk(SetPreferences, { input: { preferences: [{ kind: 'KPI_RECORDED', delivery: 'IMMEDIATE' }] } });
    const later = (await person.session.gqlOk(Preferences)).notificationPreferences;
    expect(later.find((preference) => preference.kind === 'KPI_RECORDED')?.delivery).toBe('IMMEDIATE');
    expect(later.find((preference) => preference.kind === 'PILOT_STARTED')?.delivery).toBe('DAILY_DIGEST');
    const repeated = await person.session.gql(SetPreferences, {
      input: { preferences: [{ kind: 'KPI_RECORDED', delivery: 'OFF' }, { kind: 'KPI_RECORDED', delivery: 'IMMEDIATE' }] },
    });
    expect(codeOf(repeated)).toBe('BAD_USER_INPUT');
  }, 60_000);

  it('keeps OFF kinds out entirely, and sends DAILY_DIGEST ones in one email the first pass after midnight UTC', async () => {
    const digestReader = await addMember(app, body);
    const silent = await addMember(app, body);
    await digestReader.session.gqlOk(SetPreferences, { input: { preferences: [{ kind: 'RESPONSE_RECEIVED', delivery: 'DAILY_DIGEST' }] } });
    await silent.session.gqlOk(SetPreferences, { input: { preferences: [{ kind: 'RESPONSE_RECEIVED', delivery: 'OFF' }] } });
    const first = await registerOrganisation(app, 'STARTUP', { label: 'digest-one' });
    const second = await registerOrganisation(app, 'STARTUP', { label: 'digest-two' });
    await respond(first, challengeId);
    await respond(second, challengeId);
    await deliver();

    expect(await notificationsOfKind(digestReader.session, 'RESPONSE_RECEIVED')).toHaveLength(2);
    expect(await notificationsOfKind(silent.session, 'RESPONSE_RECEIVED')).toEqual([]);
    expect(mailTo(digestReader)).toEqual([]);
    expect(mailTo(silent)).toEqual([]);

    const digest = job('notification-daily-digest');
    const today = new Date();
    const tomorrow = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1, 0, 5));
    await digest.run(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 23, 59)));
    expect(mailTo(digestReader)).toEqual([]);
    await digest.run(tomorrow);
    await digest.run(new Date(tomorrow.getTime() + 3600_000));
    const sent = mailTo(digestReader);
    expect(sent).toEqual([expect.objectContaining({ subject: 'Your Pilotline digest: 2 notifications' })]);
    expect(sent[0]!.text.match(/New response to "Paperless custody records"/g)).toHaveLength(2);
    expect(mailTo(silent)).toEqual([]);
  }, 120_000);
});
