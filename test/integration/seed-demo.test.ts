import { graphql } from '../generated';
import { ViewerOrganisationsQuery } from '../testkit/operations';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from '../../seeds/seed-demo';
import { createLogger } from '../../server/src/shared/logger';
import { EventDispatcher, type EventConsumer } from '../../server/src/events/event-dispatcher';
import { eventSources } from '../../server/src/event-sources';
import { notificationEventConsumer } from '../../server/src/notifications/notification.worker';
import { workerConsumers } from '../../server/src/worker-jobs';
import { collaboratorsOf, NotificationsList, notificationWorker } from '../testkit/notifications';
import { Dashboard } from '../testkit/reports';

const DemoChallengesQuery = graphql(`
  query DemoChallenges($after: String) {
    challenges(first: 100, after: $after) {
      totalCount
      edges {
        node {
          status
        }
      }
    }
  }
`);

const DemoOrganisationsQuery = graphql(`
  query DemoOrganisations($kind: OrganisationKind!) {
    organisations(filter: { kind: $kind }, first: 100) {
      edges {
        node {
          publicBodyType
        }
      }
    }
  }
`);

const DemoSolutionsQuery = graphql(`
  query DemoSolutions {
    solutions(first: 1) {
      totalCount
    }
  }
`);

const DemoResponsesQuery = graphql(`
  query DemoResponses {
    responses(first: 1) {
      totalCount
    }
  }
`);

const DemoPilotsQuery = graphql(`
  query DemoPilots {
    myPilots(first: 100) {
      edges {
        node {
          status
          challenge {
            title
            organisation {
              name
              publicBodyType
            }
          }
          outcome {
            kind
            contractValueGbp
            stopReason
          }
          kpis {
            name
            baseline
            target
            latestValue
            progress
            measurements {
              value
            }
          }
          updates {
            text
          }
        }
      }
    }
  }
`);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  expect(await isDatabaseEmpty(app.system())).toBe(true);
  await seedDemo(app.system(), { log: () => undefined });
}, 120_000);
afterAll(() => app.close());

describe('the demo seed', () => {
  it.each([
    ['public@demo.pilotline.uk', [], 'PUBLIC_BODY'],
    ['startup@demo.pilotline.uk', [], 'STARTUP'],
    ['staff@demo.pilotline.uk', ['STAFF'], 'ACCELERATOR'],
    ['admin@demo.pilotline.uk', ['STAFF', 'ADMIN'], 'ACCELERATOR'],
  ])('lets the README demo account %s sign in with its role', async (email, roles, kind) => {
    const session = await app.session().login(email, DEMO_PASSWORD);
    const { viewer } = await session.gqlOk(ViewerOrganisationsQuery);
    expect(viewer?.roles).toEqual(roles);
    expect(viewer?.organisations[0]?.organisation).toMatchObject({ kind, verified: true });
  });

  it('has a realistic UK public sector: councils, NHS trusts, police forces and a department', async () => {
    const { organisations } = await app.session().gqlOk(DemoOrganisationsQuery, { kind: 'PUBLIC_BODY' });
    const types = organisations.edges.map((edge) => edge.node.publicBodyType);
    expect(types.length).toBeGreaterThanOrEqual(12);
    for (const type of ['COUNCIL', 'NHS_TRUST', 'POLICE_FORCE', 'CENTRAL_GOVERNMENT'] as const) expect(types).toContain(type);
    const startups = await app.session().gqlOk(DemoOrganisationsQuery, { kind: 'STARTUP' });
    expect(startups.organisations.edges.length).toBeGreaterThanOrEqual(37);
  });

  it('publishes at least 60 open challenges, and staff also see the others', async () => {
    const anonymous = await app.session().gqlOk(DemoChallengesQuery);
    expect(anonymous.challenges.totalCount).toBeGreaterThanOrEqual(60);
    expect(new Set(anonymous.challenges.edges.map((edge) => edge.node.status))).toEqual(new Set(['OPEN']));
    const staff = await app.session().login('staff@demo.pilotline.uk', DEMO_PASSWORD);
    const all = await staff.gqlOk(DemoChallengesQuery);
    expect(all.challenges.totalCount).toBeGreaterThan(anonymous.challenges.totalCount);
  });

  it('has at least 150 solutions, most of them published, and responses for public bodies to review', async () => {
    const staff = await app.session().login('staff@demo.pilotline.uk', DEMO_PASSWORD);
    const all = await staff.gqlOk(DemoSolutionsQuery);
    expect(all.solutions.totalCount).toBeGreaterThanOrEqual(150);
    const published = await app.session().gqlOk(DemoSolutionsQuery);
    expect(published.solutions.totalCount).toBeGreaterThanOrEqual(130);
    const responses = await staff.gqlOk(DemoResponsesQuery);
    expect(responses.responses.totalCount).toBeGreaterThanOrEqual(30);
  });

  it('has pilots in every state whose KPI histories tell the demo stories', async () => {
    const staff = await app.session().login('staff@demo.pilotline.uk', DEMO_PASSWORD);
    const pilots = (await staff.gqlOk(DemoPilotsQuery)).myPilots.edges.map((edge) => edge.node);
    expect(new Set(pilots.map((pilot) => pilot.status))).toEqual(new Set(['PLANNING', 'LIVE', 'EVALUATING', 'COMPLETED', 'CANCELLED']));
    const about = (words: RegExp) => pilots.find((pilot) => words.test(pilot.challenge.title))!;

    const forms = about(/paper forms/);
    expect(forms.challenge.organisation.publicBodyType).toBe('POLICE_FORCE');
    const paper = forms.kpis[0]!;
    expect(paper.measurements.length).toBeGreaterThanOrEqual(4);
    // 40 paper forms a week down to 16: 60% fewer.
    expect(1 - paper.latestValue! / paper.measurements[0]!.value).toBeCloseTo(0.6, 6);

    const parking = about(/pay and display/);
    expect(parking.challenge.organisation.publicBodyType).toBe('COUNCIL');
    expect(parking.outcome).toMatchObject({ kind: 'ADOPTED', contractValueGbp: 240_000 });
    expect(parking.kpis[0]!.progress).toBeGreaterThan(0.9);

    const booking = about(/GP practices/);
    expect(booking.outcome?.kind).toBe('EXTENDED');
    expect(booking.updates.map((update) => update.text).join(' ')).toMatch(/online booking/);

    const stopped = pilots.find((pilot) => pilot.outcome?.kind === 'STOPPED')!;
    expect(stopped.outcome?.stopReason).toMatch(/could not read files/);
  });

  it('gives staff a dashboard of its pilots before any event is handed over: the seed builds the reports\' rollup', async () => {
    const staff = await app.session().login('staff@demo.pilotline.uk', DEMO_PASSWORD);
    const pilots = (await staff.gqlOk(DemoPilotsQuery)).myPilots.edges.map((edge) => edge.node);
    const { dashboard } = await staff.gqlOk(Dashboard, {});
    expect(dashboard.funnel.find((step) => step.stage === 'PILOTS')?.count).toBe(pilots.length);
    expect(dashboard.pilotOutcomes.find((outcome) => outcome.outcome === 'ADOPTED')?.count).toBe(pilots.filter((pilot) => pilot.outcome?.kind === 'ADOPTED').length);
  });

  it('hands its history to the matcher but not to notifications, so a fresh server has no notification backlog', async () => {
    const notifications = notificationEventConsumer(collaboratorsOf(app));
    const handed: string[] = [];
    const counting: EventConsumer = {
      ...notifications,
      async handle(event) {
        handed.push(event.id);
        await notifications.handle(event);
      },
    };
    await notificationWorker(app, 'seeded-notifications', counting).drain();
    expect(handed).toEqual([]);
    const body = await app.session().login('public@demo.pilotline.uk', DEMO_PASSWORD);
    expect((await body.gqlOk(NotificationsList, { first: 1 })).viewer?.unreadNotificationCount).toBe(0);
    // The demo's suggestions come from the matcher taking the seeded publications.
    const background = workerConsumers(collaboratorsOf(app)).filter((consumer) => consumer.lane === 'background');
    expect(await new EventDispatcher(eventSources, background, { logger: createLogger('silent') }).pendingCount()).toBeGreaterThan(0);
  }, 120_000);

  it('marks the database as seeded, so npm start loads the demo only once', async () => {
    expect(await isDatabaseEmpty(app.system())).toBe(false);
  });
});
