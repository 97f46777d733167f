import { graphql } from '../generated';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { openChallenge } from '../testkit/challenges';
import { publishedSolution, respond } from '../testkit/marketplace';
import { completedPilot, introducedMatch } from '../testkit/pilots';
import { Dashboard, Fairness } from '../testkit/reports';
import { eventSources } from '../../server/src/event-sources';
import { rebuildChallengeRollups, reportingRollupConsumer } from '../../server/src/reporting/challenge-rollup';
import { ChallengeRollupModel } from '../../server/src/reporting/challenge-rollup.model';

/**
 * The reporting rollup the dashboard and fairness view read, kept by a domain-event consumer:
 * after a mixed run of curation (with the matcher's own suggestions) its figures are those of a
 * rebuild from the raw records, and handing every event over again changes nothing.
 */

const AddMatch = graphql(`
  mutation RollupAddMatch($input: AddMatchInput!) {
    addMatch(input: $input) {
      id
    }
  }
`);

const Shortlist = graphql(`
  mutation RollupShortlist($input: MatchTransitionInput!) {
    shortlistMatch(input: $input) {
      id
    }
  }
`);

const Reject = graphql(`
  mutation RollupReject($input: RejectMatchInput!) {
    rejectMatch(input: $input) {
      id
    }
  }
`);

const StartPilot = graphql(`
  mutation RollupStartPilot($input: StartPilotInput!) {
    startPilot(input: $input) {
      id
    }
  }
`);

const FILTERS = [null, { sector: 'TRANSPORT_AND_PARKING' as const }, { region: 'LONDON' as const }];

let app: TestApp;
let staff: Account;

/** Every report the filters give, as staff see them through GraphQL. */
async function reports() {
  const seen = [];
  for (const filter of FILTERS) {
    seen.push({ filter, dashboard: (await staff.session.gqlOk(Dashboard, { filter })).dashboard, fairness: (await staff.session.gqlOk(Fairness, { filter, first: 500 })).fairness });
  }
  return seen;
}

beforeAll(async () => {
  app = await startTestApp({}, { search: true });
  staff = await registerStaff(app);
  const council = await registerOrganisation(app, 'PUBLIC_BODY', { label: 'council' });
  const transportBody = await registerOrganisation(app, 'PUBLIC_BODY', { label: 'transport' });
  const startups: Account[] = [];
  for (const label of ['care', 'parking', 'forms']) startups.push(await registerOrganisation(app, 'STARTUP', { label }));
  const [care, parking, forms] = startups as [Account, Account, Account];

  const housing = (await openChallenge(council, staff.session)).id;
  const transport = (await openChallenge(transportBody, staff.session, { sectors: ['TRANSPORT_AND_PARKING'], region: 'NORTH_WEST' })).id;
  await respond(care, housing);
  await respond(parking, housing);
  await respond(parking, transport);
  // The matcher's suggestions for the publications, and the rollup's first rows, before curation goes on.
  await app.search!.indexer.drain();
  await app.dispatcher!.drain();

  const adopted = await introducedMatch(staff.session, council, care, housing);
  await introducedMatch(staff.session, transportBody, parking, transport, { accepted: false });
  const rejected = (await staff.session.gqlOk(AddMatch, { input: { challengeId: housing, solutionId: (await publishedSolution(forms)).id } })).addMatch.id;
  await staff.session.gqlOk(Shortlist, { input: { matchId: rejected } });
  await app.dispatcher!.drain();
  await staff.session.gqlOk(Reject, { input: { matchId: rejected, reason: 'TOO_EXPENSIVE' } });
  await completedPilot(staff.session, adopted, { outcome: 'ADOPTED' }, [{ kpiName: 'cases investigated within timescale', value: 87 }]);
  const planned = await introducedMatch(staff.session, transportBody, forms, transport);
  await staff.session.gqlOk(StartPilot, { input: { matchId: planned } });
  await app.search!.indexer.drain();
  await app.dispatcher!.drain();
}, 240_000);
afterAll(() => app.close());

describe('the reporting rollup', () => {
  it('gives the figures a rebuild from the raw records gives, after responses, suggestions, curation and pilots', async () => {
    const kept = await reports();
    const whole = kept[0]!.dashboard;
    const count = (stage: string) => whole.funnel.find((step) => step.stage === stage)?.count;
    // Every kind of operation reached the figures: not two empty reports compared.
    expect([count('RESPONSES'), count('INTRODUCED'), count('ACCEPTED'), count('PILOTS'), count('ADOPTED')]).toEqual([3, 3, 2, 2, 1]);
    expect(count('SHORTLISTED')).toBe(4);
    expect(kept[0]!.fairness.startups.length).toBeGreaterThan(0);

    await rebuildChallengeRollups();
    expect(await reports()).toEqual(kept);
  });

  it('counts nothing twice when every event is handed over again', async () => {
    const before = await reports();
    // As after a crash between handling and recording progress: the consumer's progress is lost.
    for (const { model } of eventSources) {
      await model.updateMany({}, { $unset: { 'eventsSeen.reporting-rollup': 1 }, $set: { eventsPending: true } });
    }
    await app.dispatcher!.drain();
    expect(await reports()).toEqual(before);
  });

  it('loses no record when the events of one challenge are handled at the same time', async () => {
    const before = await reports();
    await ChallengeRollupModel.deleteMany({});
    const consumer = reportingRollupConsumer();
    const handled = [];
    for (const { entity, model } of eventSources) {
      for (const record of await model.find().select({ version: 1 }).lean()) {
        const recordId = record._id.toHexString();
        handled.push(consumer.handle({ id: `${entity}:${recordId}@${record.version}`, entity, recordId, name: `${entity}.UPDATE`, version: record.version, at: new Date() }));
      }
    }
    // Several writers race on each row: each write is conditional on the revision it read, and retried.
    await Promise.all(handled);
    expect(await reports()).toEqual(before);
  });
});
