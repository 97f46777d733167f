import { graphql } from '../generated';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { openChallenge } from '../testkit/challenges';
import { respond } from '../testkit/marketplace';
import { completedPilot, introducedMatch } from '../testkit/pilots';
import { Dashboard, Fairness } from '../testkit/reports';
import { EventDispatcher } from '../../server/src/events/event-dispatcher';
import { eventSources } from '../../server/src/event-sources';
import { reportingRollupConsumer } from '../../server/src/reporting/challenge-rollup';
import { createLogger } from '../../server/src/shared/logger';

/**
 * The staff dashboard and fairness view through GraphQL against the real database: the funnel
 * and its conversions, the medians over a clock the test moves, pilots by status, KPI
 * achievement and top sectors, each filtered by period, sector and region; staff only.
 */

const StartPilot = graphql(`
  mutation ReportingStartPilot($input: StartPilotInput!) {
    startPilot(input: $input) {
      id
    }
  }
`);

const DAY_MS = 24 * 3600 * 1000;
const start = Date.now();
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);
const at = (days: number) => {
  offsetMs = days * DAY_MS;
};

let app: TestApp;
let staff: Account;
let council: Account;
let transportBody: Account;
let careStartup: Account;
let parkingStartup: Account;

const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code;
const counts = (funnel: { stage: string; count: number }[]) => Object.fromEntries(funnel.map((step) => [step.stage, step.count]));

beforeAll(async () => {
  app = await startTestApp({ LOGIN_MAX_ATTEMPTS: '1000' }, { search: true, clock });
  staff = await registerStaff(app);
  council = await registerOrganisation(app, 'PUBLIC_BODY', { label: 'council' });
  transportBody = await registerOrganisation(app, 'PUBLIC_BODY', { label: 'transport' });
  careStartup = await registerOrganisation(app, 'STARTUP', { label: 'care', name: 'Care start-up' });
  parkingStartup = await registerOrganisation(app, 'STARTUP', { label: 'parking', name: 'Parking start-up' });
  await registerOrganisation(app, 'STARTUP', { label: 'never-suggested' });

  // Day 0: two challenges published, one housing and care in London, one transport in the North West.
  const housing = (await openChallenge(council, staff.session)).id;
  const transport = (
    await openChallenge(transportBody, staff.session, { sectors: ['TRANSPORT_AND_PARKING'], region: 'NORTH_WEST', kpis: [{ name: 'paid sessions by phone', unit: '%', baseline: 0, target: 50, direction: 'INCREASE' }] })
  ).id;
  // Two responses to the housing challenge, none to the transport one: as many responses as challenges, half of them answered.
  await respond(careStartup, housing);
  await respond(parkingStartup, housing);
  // Day 2: two introductions on the housing challenge, one accepted; day 6 its pilot, adopted at 75% of its KPI.
  at(2);
  const adoptedMatch = await introducedMatch(staff.session, council, careStartup, housing);
  await introducedMatch(staff.session, council, parkingStartup, housing, { accepted: false });
  at(6);
  await completedPilot(staff.session, adoptedMatch, { outcome: 'ADOPTED' }, [{ kpiName: 'cases investigated within timescale', value: 87 }]);
  // Day 4: the transport challenge's introduction; day 5 its pilot, still planning.
  at(4);
  const transportMatch = await introducedMatch(staff.session, transportBody, parkingStartup, transport);
  at(5);
  await staff.session.gqlOk(StartPilot, { input: { matchId: transportMatch } });
  at(0);
  // Reports read the rollup the domain events keep. Only its consumer is drained: the matcher's
  // suggestions from the same events would blur the hand-counted figures below
  // (reporting-rollup.test.ts drains every consumer).
  await new EventDispatcher(eventSources, [reportingRollupConsumer()], { logger: createLogger('silent') }).drain();
}, 180_000);
afterAll(() => app.close());

describe('the dashboard', () => {
  it('gives the funnel with conversions, the medians, pilots by status and outcome, KPI achievement and top sectors', async () => {
    const { dashboard } = await staff.session.gqlOk(Dashboard, {});
    expect(counts(dashboard.funnel)).toEqual({
      CHALLENGES_PUBLISHED: 2,
      RESPONSES: 2,
      SUGGESTIONS: 3,
      SHORTLISTED: 3,
      INTRODUCED: 3,
      ACCEPTED: 2,
      PILOTS: 2,
      ADOPTED: 1,
    });
    // Each conversion is the share of the previous stage's items that went on: half the challenges
    // got a response; suggestions are not made from responses; 2 of the 3 introductions were accepted.
    expect(dashboard.funnel.map((step) => step.conversionFromPrevious)).toEqual([null, 0.5, null, 1, 1, 2 / 3, 1, 0.5]);
    expect(dashboard.funnel.map((step) => [step.stage, step.challengesReached, step.shareOfChallenges])).toEqual([
      ['CHALLENGES_PUBLISHED', 2, 1],
      ['RESPONSES', 1, 0.5],
      ['SUGGESTIONS', 2, 1],
      ['SHORTLISTED', 2, 1],
      ['INTRODUCED', 2, 1],
      ['ACCEPTED', 2, 1],
      ['PILOTS', 2, 1],
      ['ADOPTED', 1, 0.5],
    ]);
    // First introductions 2 and 4 days after publication; pilots 4 and 1 days after their introductions.
    expect(dashboard.medianDaysToFirstIntroduction).toBeCloseTo(3, 2);
    expect(dashboard.medianDaysIntroductionToPilot).toBeCloseTo(2.5, 2);
    expect(dashboard.pilotsByStatus).toEqual([
      { status: 'PLANNING', count: 1 },
      { status: 'LIVE', count: 0 },
      { status: 'EVALUATING', count: 0 },
      { status: 'COMPLETED', count: 1 },
      { status: 'CANCELLED', count: 0 },
    ]);
    expect(dashboard.pilotOutcomes).toEqual([
      { outcome: 'ADOPTED', count: 1 },
      { outcome: 'EXTENDED', count: 0 },
      { outcome: 'STOPPED', count: 0 },
    ]);
    // Baseline 48, target 100, latest 87: three quarters of the way.
    expect(dashboard.kpiAchievement).toEqual({ measuredKpis: 1, achievedKpis: 0, medianProgress: 0.75, medianProgressOfCompletedPilots: 0.75 });
    expect(dashboard.topSectors).toEqual([
      { sector: 'HEALTH_AND_CARE', challenges: 1, pilots: 1, adopted: 1 },
      { sector: 'HOUSING', challenges: 1, pilots: 1, adopted: 1 },
      { sector: 'TRANSPORT_AND_PARKING', challenges: 1, pilots: 1, adopted: 0 },
    ]);
  });

  it('filters by sector, region and period of publication', async () => {
    const bySector = (await staff.session.gqlOk(Dashboard, { filter: { sector: 'TRANSPORT_AND_PARKING' } })).dashboard;
    expect(counts(bySector.funnel)).toMatchObject({ CHALLENGES_PUBLISHED: 1, RESPONSES: 0, SUGGESTIONS: 1, ACCEPTED: 1, PILOTS: 1, ADOPTED: 0 });
    expect(bySector.medianDaysToFirstIntroduction).toBeCloseTo(4, 2);

    const byRegion = (await staff.session.gqlOk(Dashboard, { filter: { region: 'LONDON' } })).dashboard;
    expect(counts(byRegion.funnel)).toMatchObject({ CHALLENGES_PUBLISHED: 1, RESPONSES: 2, SUGGESTIONS: 2, ACCEPTED: 1, ADOPTED: 1 });
    expect(byRegion.funnel.find((step) => step.stage === 'RESPONSES')?.conversionFromPrevious).toBe(1);

    const later = (await staff.session.gqlOk(Dashboard, { filter: { from: new Date(start + DAY_MS).toISOString() } })).dashboard;
    expect(later.funnel.every((step) => step.count === 0 && step.conversionFromPrevious === null && step.challengesReached === 0 && step.shareOfChallenges === null)).toBe(true);
    expect(later.medianDaysToFirstIntroduction).toBeNull();
    expect(later.kpiAchievement.medianProgress).toBeNull();

    const backwards = await staff.session.gql(Dashboard, { filter: { from: new Date(start).toISOString(), to: new Date(start - DAY_MS).toISOString() } });
    expect(codeOf(backwards)).toBe('BAD_USER_INPUT');
  });

  it('is for staff only', async () => {
    expect(codeOf(await council.session.gql(Dashboard, {}))).toBe('FORBIDDEN');
    expect(codeOf(await careStartup.session.gql(Dashboard, {}))).toBe('FORBIDDEN');
    expect(codeOf(await app.session().gql(Dashboard, {}))).toBe('UNAUTHENTICATED');
  });
});

describe('the fairness view', () => {
  it('counts how often each start-up is suggested, shortlisted and accepted, and how concentrated that is', async () => {
    const { fairness } = await staff.session.gqlOk(Fairness, {});
    expect(fairness.startups.map(({ organisation, ...figures }) => ({ name: organisation.name, ...figures }))).toEqual([
      { name: 'Parking start-up', suggested: 2, shortlisted: 2, accepted: 1, shareOfSuggestions: 2 / 3 },
      { name: 'Care start-up', suggested: 1, shortlisted: 1, accepted: 1, shareOfSuggestions: 1 / 3 },
    ]);
    expect(fairness.startupCount).toBe(3);
    expect(fairness.neverSuggested).toBe(1);
    expect(fairness.topDecileShare).toBeCloseTo(2 / 3, 6);
    // Two start-ups with 1 and 2 suggestions: (2·(1·1 + 2·2)) / (2·3) − 3/2 = 1/6.
    expect(fairness.suggestionGini).toBeCloseTo(1 / 6, 6);

    const transportOnly = (await staff.session.gqlOk(Fairness, { filter: { region: 'NORTH_WEST' }, first: 1 })).fairness;
    expect(transportOnly.startups.map((startup) => [startup.organisation.name, startup.suggested])).toEqual([['Parking start-up', 1]]);
    expect(transportOnly.neverSuggested).toBe(2);
  });

  it('refuses a bad page size and anyone but staff', async () => {
    expect(codeOf(await staff.session.gql(Fairness, { first: 0 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await parkingStartup.session.gql(Fairness, {}))).toBe('FORBIDDEN');
    expect(codeOf(await app.session().gql(Fairness, {}))).toBe('UNAUTHENTICATED');
  });
});
