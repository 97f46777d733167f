import { graphql } from '../generated';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { openChallenge } from '../testkit/challenges';
import { introducedMatch } from '../testkit/pilots';

/**
 * Pilots through GraphQL against the real database: one pilot per accepted match however many
 * attempts race, KPIs inherited and refined while planning, the lifecycle and who may move it,
 * milestones overdue by the request's clock, measurements and progress, the updates log, and who
 * may see a pilot at all.
 */

const PilotFields = graphql(`
  fragment PilotFields on Pilot {
    id
    status
    version
    plannedLengthWeeks
    liveAt
    plannedEndOn
    match {
      id
      status
    }
    challenge {
      id
    }
    solution {
      id
    }
    kpis {
      name
      unit
      baseline
      target
      direction
      latestValue
      progress
      onTrack
      measurements {
        value
        note
        recordedByUserId
      }
    }
    milestones {
      id
      title
      dueOn
      doneOn
      overdue
    }
    updates {
      text
      party
      byUserId
    }
    outcome {
      kind
      contractValueGbp
      contractStartsOn
      contractEndsOn
      stopReason
    }
    cancelReason
    viewerCan {
      refineKpis
      goLive
      startEvaluation
      complete
      cancel
      recordMeasurement
      postUpdate
    }
  }
`);

const StartPilot = graphql(`
  mutation PilotsStart($input: StartPilotInput!) {
    startPilot(input: $input) {
      ...PilotFields
    }
  }
`);

const ViewPilot = graphql(`
  query PilotsView($id: ID!) {
    pilot(id: $id) {
      ...PilotFields
    }
  }
`);

const MyPilots = graphql(`
  query PilotsMine($first: Int) {
    myPilots(first: $first) {
      totalCount
      edges {
        node {
          id
          match {
            id
          }
        }
      }
    }
  }
`);

const RefineKpis = graphql(`
  mutation PilotsRefineKpis($input: RefinePilotKpisInput!) {
    refinePilotKpis(input: $input) {
      ...PilotFields
    }
  }
`);

const GoLive = graphql(`
  mutation PilotsGoLive($input: PilotTransitionInput!) {
    goLivePilot(input: $input) {
      ...PilotFields
    }
  }
`);

const StartEvaluation = graphql(`
  mutation PilotsStartEvaluation($input: PilotTransitionInput!) {
    startPilotEvaluation(input: $input) {
      ...PilotFields
    }
  }
`);

const Complete = graphql(`
  mutation PilotsComplete($input: CompletePilotInput!) {
    completePilot(input: $input) {
      ...PilotFields
    }
  }
`);

const Cancel = graphql(`
  mutation PilotsCancel($input: CancelPilotInput!) {
    cancelPilot(input: $input) {
      ...PilotFields
    }
  }
`);

const AddMilestone = graphql(`
  mutation PilotsAddMilestone($input: AddPilotMilestoneInput!) {
    addPilotMilestone(input: $input) {
      ...PilotFields
    }
  }
`);

const CompleteMilestone = graphql(`
  mutation PilotsCompleteMilestone($input: CompletePilotMilestoneInput!) {
    completePilotMilestone(input: $input) {
      ...PilotFields
    }
  }
`);

const RecordMeasurement = graphql(`
  mutation PilotsRecordMeasurement($input: RecordPilotMeasurementInput!) {
    recordPilotMeasurement(input: $input) {
      ...PilotFields
    }
  }
`);

const PostUpdate = graphql(`
  mutation PilotsPostUpdate($input: PostPilotUpdateInput!) {
    postPilotUpdate(input: $input) {
      ...PilotFields
    }
  }
`);

const DAY_MS = 24 * 3600 * 1000;
/** The app's clock: real time plus however far a test has moved it. */
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);

const PAPER_FORMS = { name: 'paper forms per week', unit: 'forms', baseline: 40, target: 16, direction: 'DECREASE' as const };

let app: TestApp;
let body: Account;
let startup: Account;
let otherBody: Account;
let otherStartup: Account;
let staff: Account;
let challengeId: string;

beforeAll(async () => {
  app = await startTestApp({ LOGIN_MAX_ATTEMPTS: '1000' }, { search: true, clock });
  body = await registerOrganisation(app, 'PUBLIC_BODY', { label: 'police-force' });
  startup = await registerOrganisation(app, 'STARTUP', { label: 'mobile-forms' });
  otherBody = await registerOrganisation(app, 'PUBLIC_BODY', { label: 'other-council' });
  otherStartup = await registerOrganisation(app, 'STARTUP', { label: 'other-startup' });
  staff = await registerStaff(app);
  challengeId = (await openChallenge(body, staff.session, { kpis: [PAPER_FORMS], pilotLengthWeeks: 10 })).id;
}, 120_000);
afterAll(() => app.close());
afterEach(() => {
  offsetMs = 0;
});

const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code;

async function plannedPilot() {
  const matchId = await introducedMatch(staff.session, body, startup, challengeId);
  return { matchId, pilot: (await staff.session.gqlOk(StartPilot, { input: { matchId } })).startPilot };
}

async function livePilot() {
  const { pilot } = await plannedPilot();
  return (await body.session.gqlOk(GoLive, { input: { pilotId: pilot.id, expectedVersion: pilot.version } })).goLivePilot;
}

describe('creating a pilot from an accepted match', () => {
  it('creates exactly one pilot under 20 concurrent attempts by staff and both sides', async () => {
    const matchId = await introducedMatch(staff.session, body, startup, challengeId);
    const sessions = [staff.session, body.session, startup.session];
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => sessions[index % 3]!.gql(StartPilot, { input: { matchId } })));
    const ids = new Set(results.map((result) => result.data?.startPilot.id));
    const errors = results.filter((result) => result.errors?.length);
    const forMatch = (await staff.session.gqlOk(MyPilots, { first: 100 })).myPilots.edges.filter((edge) => edge.node.match.id === matchId);
    console.log(`Pilot creation race: 20 concurrent startPilot calls, ${20 - errors.length} succeeded, ${ids.size} distinct pilot id(s), ${forMatch.length} pilot(s) stored`);
    expect(errors).toEqual([]);
    expect(ids.size).toBe(1);
    expect(forMatch).toHaveLength(1);
  }, 60_000);

  it('inherits the challenge KPIs, starts PLANNING, and a repeat returns the same pilot', async () => {
    const { matchId, pilot } = await plannedPilot();
    expect(pilot.status).toBe('PLANNING');
    expect(pilot.match).toEqual({ id: matchId, status: 'ACCEPTED' });
    expect(pilot.challenge.id).toBe(challengeId);
    expect(pilot.plannedLengthWeeks).toBe(10);
    expect(pilot.kpis).toEqual([{ ...PAPER_FORMS, latestValue: null, progress: null, onTrack: null, measurements: [] }]);
    const again = (await startup.session.gqlOk(StartPilot, { input: { matchId } })).startPilot;
    expect(again.id).toBe(pilot.id);
  });

  it('refuses a match that is not ACCEPTED, and hides matches from outsiders', async () => {
    const matchId = await introducedMatch(staff.session, body, startup, challengeId, { accepted: false });
    expect(codeOf(await staff.session.gql(StartPilot, { input: { matchId } }))).toBe('NOT_ELIGIBLE');
    const accepted = await introducedMatch(staff.session, body, startup, challengeId);
    expect(codeOf(await otherBody.session.gql(StartPilot, { input: { matchId: accepted } }))).toBe('NOT_FOUND');
    expect(codeOf(await app.session().gql(StartPilot, { input: { matchId: accepted } }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await staff.session.gql(StartPilot, { input: { matchId: 'not-an-id' } }))).toBe('NOT_FOUND');
  });
});

describe('refining KPIs while planning', () => {
  it('lets either side refine, conflicts on a stale version and checks each KPI', async () => {
    const { pilot } = await plannedPilot();
    const refined = [{ ...PAPER_FORMS, target: 12 }, { name: 'officer hours on paperwork', unit: 'hours/week', baseline: 10, target: 4, direction: 'DECREASE' as const }];
    const updated = (await startup.session.gqlOk(RefineKpis, { input: { pilotId: pilot.id, expectedVersion: pilot.version, kpis: refined } })).refinePilotKpis;
    expect(updated.kpis.map((kpi) => [kpi.name, kpi.target])).toEqual([['paper forms per week', 12], ['officer hours on paperwork', 4]]);
    expect(updated.version).toBe(pilot.version + 1);

    const stale = await body.session.gql(RefineKpis, { input: { pilotId: pilot.id, expectedVersion: pilot.version, kpis: refined } });
    expect(codeOf(stale)).toBe('VERSION_CONFLICT');
    const wrongWay = await body.session.gql(RefineKpis, {
      input: { pilotId: pilot.id, expectedVersion: updated.version, kpis: [{ ...PAPER_FORMS, target: 50 }] },
    });
    expect(codeOf(wrongWay)).toBe('BAD_USER_INPUT');
    const twice = await body.session.gql(RefineKpis, { input: { pilotId: pilot.id, expectedVersion: updated.version, kpis: [PAPER_FORMS, PAPER_FORMS] } });
    expect(codeOf(twice)).toBe('BAD_USER_INPUT');

    const live = (await staff.session.gqlOk(GoLive, { input: { pilotId: pilot.id, expectedVersion: updated.version } })).goLivePilot;
    const late = await staff.session.gql(RefineKpis, { input: { pilotId: pilot.id, expectedVersion: live.version, kpis: [PAPER_FORMS] } });
    expect(codeOf(late)).toBe('INVALID_TRANSITION');
  });
});

describe('the lifecycle', () => {
  it('runs PLANNING → LIVE → EVALUATING → COMPLETED (ADOPTED) on the public body’s word', async () => {
    const { pilot } = await plannedPilot();
    expect(pilot.viewerCan).toMatchObject({ goLive: true, refineKpis: true, recordMeasurement: false });
    expect(codeOf(await startup.session.gql(GoLive, { input: { pilotId: pilot.id, expectedVersion: pilot.version } }))).toBe('FORBIDDEN');
    const live = (await body.session.gqlOk(GoLive, { input: { pilotId: pilot.id, expectedVersion: pilot.version } })).goLivePilot;
    expect(live.status).toBe('LIVE');
    expect(new Date(live.plannedEndOn!).getTime() - new Date(live.liveAt!).getTime()).toBe(10 * 7 * DAY_MS);
    expect(codeOf(await body.session.gql(Complete, { input: { pilotId: pilot.id, expectedVersion: live.version, outcome: 'EXTENDED' } }))).toBe(
      'INVALID_TRANSITION',
    );
    const evaluating = (await body.session.gqlOk(StartEvaluation, { input: { pilotId: pilot.id, expectedVersion: live.version } })).startPilotEvaluation;
    expect(evaluating.status).toBe('EVALUATING');

    const withoutContract = await body.session.gql(Complete, { input: { pilotId: pilot.id, expectedVersion: evaluating.version, outcome: 'ADOPTED' } });
    expect(codeOf(withoutContract)).toBe('BAD_USER_INPUT');
    const backwards = await body.session.gql(Complete, {
      input: {
        pilotId: pilot.id,
        expectedVersion: evaluating.version,
        outcome: 'ADOPTED',
        contractValueGbp: 180_000,
        contractStartsOn: '2027-04-01T00:00:00.000Z',
        contractEndsOn: '2027-01-01T00:00:00.000Z',
      },
    });
    expect(codeOf(backwards)).toBe('BAD_USER_INPUT');
    const adopted = (
      await body.session.gqlOk(Complete, {
        input: {
          pilotId: pilot.id,
          expectedVersion: evaluating.version,
          outcome: 'ADOPTED',
          contractValueGbp: 180_000,
          contractStartsOn: '2027-01-01T00:00:00.000Z',
          contractEndsOn: '2029-01-01T00:00:00.000Z',
        },
      })
    ).completePilot;
    expect(adopted.status).toBe('COMPLETED');
    expect(adopted.outcome).toEqual({
      kind: 'ADOPTED',
      contractValueGbp: 180_000,
      contractStartsOn: '2027-01-01T00:00:00.000Z',
      contractEndsOn: '2029-01-01T00:00:00.000Z',
      stopReason: null,
    });
    expect(codeOf(await body.session.gql(Cancel, { input: { pilotId: pilot.id, expectedVersion: adopted.version, reason: 'Too late to cancel now.' } }))).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('ends STOPPED with a reason, or CANCELLED by either side', async () => {
    const live = await livePilot();
    const evaluating = (await staff.session.gqlOk(StartEvaluation, { input: { pilotId: live.id, expectedVersion: live.version } })).startPilotEvaluation;
    const noReason = await staff.session.gql(Complete, { input: { pilotId: live.id, expectedVersion: evaluating.version, outcome: 'STOPPED' } });
    expect(codeOf(noReason)).toBe('BAD_USER_INPUT');
    const stopped = (
      await staff.session.gqlOk(Complete, {
        input: { pilotId: live.id, expectedVersion: evaluating.version, outcome: 'STOPPED', stopReason: 'Officers could not use the app offline.' },
      })
    ).completePilot;
    expect(stopped.outcome).toMatchObject({ kind: 'STOPPED', stopReason: 'Officers could not use the app offline.', contractValueGbp: null });

    const other = await livePilot();
    const cancelled = (await startup.session.gqlOk(Cancel, { input: { pilotId: other.id, expectedVersion: other.version, reason: 'We lost our lead engineer.' } }))
      .cancelPilot;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: 'We lost our lead engineer.' });
    expect(codeOf(await startup.session.gql(Cancel, { input: { pilotId: other.id, expectedVersion: other.version, reason: 'x' } }))).toBe('BAD_USER_INPUT');
  });
});

describe('milestones', () => {
  it('are overdue by the request’s clock when past due and not done', async () => {
    const { pilot } = await plannedPilot();
    const dueOn = new Date(Date.now() + 7 * DAY_MS).toISOString();
    const input = { pilotId: pilot.id, title: 'Forms live at two stations', deliverable: 'App on 40 devices', successCriterion: 'Half of stop forms digital', dueOn };
    const planned = (await startup.session.gqlOk(AddMilestone, { input })).addPilotMilestone;
    const [milestone] = planned.milestones;
    expect(milestone).toMatchObject({ title: 'Forms live at two stations', overdue: false, doneOn: null });

    offsetMs = 8 * DAY_MS;
    expect((await body.session.gqlOk(ViewPilot, { id: pilot.id })).pilot!.milestones[0]!.overdue).toBe(true);
    expect(codeOf(await body.session.gql(CompleteMilestone, { input: { pilotId: pilot.id, milestoneId: milestone!.id } }))).toBe('INVALID_TRANSITION');
    const live = (await body.session.gqlOk(GoLive, { input: { pilotId: pilot.id, expectedVersion: planned.version } })).goLivePilot;
    const done = (await startup.session.gqlOk(CompleteMilestone, { input: { pilotId: pilot.id, milestoneId: milestone!.id } })).completePilotMilestone;
    expect(done.milestones[0]).toMatchObject({ overdue: false });
    expect(done.milestones[0]!.doneOn).not.toBeNull();
    expect(done.version).toBe(live.version + 1);
    expect(codeOf(await startup.session.gql(CompleteMilestone, { input: { pilotId: pilot.id, milestoneId: milestone!.id } }))).toBe('CONFLICT');
    expect(codeOf(await startup.session.gql(CompleteMilestone, { input: { pilotId: pilot.id, milestoneId: '0123456789abcdef01234567' } }))).toBe('NOT_FOUND');
    expect(codeOf(await startup.session.gql(AddMilestone, { input: { ...input, title: '' } }))).toBe('BAD_USER_INPUT');
  });
});

describe('KPI measurements', () => {
  it('give the latest value, progress toward the target in the KPI’s direction, and whether it is on track', async () => {
    const { pilot } = await plannedPilot();
    const early = await body.session.gql(RecordMeasurement, { input: { pilotId: pilot.id, kpiName: PAPER_FORMS.name, value: 38 } });
    expect(codeOf(early)).toBe('INVALID_TRANSITION');
    await body.session.gqlOk(GoLive, { input: { pilotId: pilot.id, expectedVersion: pilot.version } });

    const record = (value: number, measuredOn: string, session = startup.session) =>
      session.gqlOk(RecordMeasurement, { input: { pilotId: pilot.id, kpiName: PAPER_FORMS.name, value, measuredOn, note: `week ${value}` } });
    const now = Date.now();
    await record(30, new Date(now - 2 * DAY_MS).toISOString());
    // Recorded later but measured earlier: the latest value is the one measured last.
    await record(35, new Date(now - 5 * DAY_MS).toISOString(), body.session);
    const measured = (await record(22, new Date(now - DAY_MS).toISOString(), staff.session)).recordPilotMeasurement;
    const [kpi] = measured.kpis;
    expect(kpi!.measurements.map((m) => m.value)).toEqual([30, 35, 22]);
    expect(kpi!.measurements[2]!.recordedByUserId).toBe(staff.userId);
    expect(kpi!.latestValue).toBe(22);
    expect(kpi!.progress).toBeCloseTo(0.75, 10);
    expect(kpi!.onTrack).toBe(true);

    // Nine weeks into ten, 75% of the way is behind.
    offsetMs = 9 * 7 * DAY_MS;
    expect((await body.session.gqlOk(ViewPilot, { id: pilot.id })).pilot!.kpis[0]!.onTrack).toBe(false);

    const unknown = await body.session.gql(RecordMeasurement, { input: { pilotId: pilot.id, kpiName: 'no such KPI', value: 1 } });
    expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
    const future = await body.session.gql(RecordMeasurement, {
      input: { pilotId: pilot.id, kpiName: PAPER_FORMS.name, value: 1, measuredOn: new Date(Date.now() + 400 * DAY_MS).toISOString() },
    });
    expect(codeOf(future)).toBe('BAD_USER_INPUT');
  });
});

describe('the updates log', () => {
  it('keeps short notes from either side and staff, signed with their side', async () => {
    const { pilot } = await plannedPilot();
    await body.session.gqlOk(PostUpdate, { input: { pilotId: pilot.id, text: 'Devices ordered for two stations.' } });
    await startup.session.gqlOk(PostUpdate, { input: { pilotId: pilot.id, text: 'Forms configured.' } });
    const logged = (await staff.session.gqlOk(PostUpdate, { input: { pilotId: pilot.id, text: 'Checked in with both sides.' } })).postPilotUpdate;
    expect(logged.updates).toEqual([
      { text: 'Devices ordered for two stations.', party: 'PUBLIC_BODY', byUserId: body.userId },
      { text: 'Forms configured.', party: 'STARTUP', byUserId: startup.userId },
      { text: 'Checked in with both sides.', party: 'STAFF', byUserId: staff.userId },
    ]);
    expect(codeOf(await body.session.gql(PostUpdate, { input: { pilotId: pilot.id, text: ' ' } }))).toBe('BAD_USER_INPUT');
  });
});

describe('who sees a pilot', () => {
  it('is the two sides and staff; to everyone else it does not exist', async () => {
    const { pilot } = await plannedPilot();
    for (const account of [body, startup, staff]) expect((await account.session.gqlOk(ViewPilot, { id: pilot.id })).pilot!.id).toBe(pilot.id);
    for (const account of [otherBody, otherStartup]) {
      expect(codeOf(await account.session.gql(ViewPilot, { id: pilot.id }))).toBe('NOT_FOUND');
      expect(codeOf(await account.session.gql(PostUpdate, { input: { pilotId: pilot.id, text: 'Hello there.' } }))).toBe('NOT_FOUND');
      const mine = (await account.session.gqlOk(MyPilots, { first: 100 })).myPilots;
      expect(mine.edges.map((edge) => edge.node.id)).not.toContain(pilot.id);
    }
    expect(codeOf(await app.session().gql(ViewPilot, { id: pilot.id }))).toBe('UNAUTHENTICATED');
    const ours = (await startup.session.gqlOk(MyPilots, { first: 100 })).myPilots.edges.map((edge) => edge.node.id);
    expect(ours).toContain(pilot.id);
  });
});
