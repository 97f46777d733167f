import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import mongoose, { Types } from 'mongoose';
import { connectDatabase } from '../server/src/db/connection';
import { startLocalMongo } from '../server/dev/local-mongo';
import { createLogger } from '../server/src/shared/logger';
import { MemoryMailer } from '../server/src/mail/mailer';
import { loggingEventSink, serviceContext } from '../server/src/context/service-context';
import type { UserActor } from '../server/src/shared/actor';
import { sdlEnumValues } from '../server/src/contract/sdl';
import type { ReportFilter } from '../server/src/contract/generated/resolvers-types';
import { ChallengeModel } from '../server/src/challenges/challenge.model';
import { SolutionModel } from '../server/src/solutions/solution.model';
import { OrganisationModel } from '../server/src/organisations/organisation.model';
import { ResponseModel } from '../server/src/responses/response.model';
import { MatchModel } from '../server/src/matching/match.model';
import { PilotModel } from '../server/src/pilots/pilot.model';
import { dashboard } from '../server/src/reporting/dashboard.service';
import { fairness } from '../server/src/reporting/fairness.service';
import { ensureChallengeRollups, reportingRollupConsumer } from '../server/src/reporting/challenge-rollup';
import { percentile } from './lib/ir-metrics';
import { mulberry32 } from './lib/random';
import { syntheticSolutions } from './search-bench';

/**
 * `npm run bench -- dashboard [--size N] [--challenges N] [--rounds N]`: the staff dashboard and
 * fairness view over the search bench's N synthetic solutions (100k by default) with a year of
 * challenges, their responses, suggestions (each with its curation history) and pilots, timed
 * for no filter, a sector, a region and a period, once the reports' rollup is built as a worker
 * builds it. Prints the build time, p50 and p95 per filter, and what keeping the rollup costs per
 * event; asserts nothing.
 */

const DAY_MS = 24 * 3600 * 1000;
const MATCHES_PER_CHALLENGE = 20;

async function insertInBatches(model: { collection: { insertMany(docs: object[]): Promise<unknown> } }, documents: object[]) {
  for (let start = 0; start < documents.length; start += 5000) await model.collection.insertMany(documents.slice(start, start + 5000));
}

export async function runDashboardBench(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: { size: { type: 'string', default: '100000' }, challenges: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '20' } },
  });
  const size = Number(values.size);
  const challengeCount = Number(values.challenges);
  const rounds = Number(values.rounds);
  const random = mulberry32(11);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const sectors = sdlEnumValues('Sector');
  const regions = sdlEnumValues('Region');
  const now = new Date();

  const mongo = await startLocalMongo({ backend: 'memory', port: 0 });
  try {
    const logger = createLogger('silent');
    await connectDatabase(mongo.uri, `bench_${Date.now()}`, logger);
    const started = performance.now();
    const startups = await OrganisationModel.insertMany(Array.from({ length: 400 }, (_unused, index) => ({ name: `Bench start-up ${index}`, kind: 'STARTUP', verified: true })));
    const bodies = await OrganisationModel.insertMany(
      Array.from({ length: 60 }, (_unused, index) => ({ name: `Bench council ${index}`, kind: 'PUBLIC_BODY', publicBodyType: 'COUNCIL', verified: true })),
    );
    const solutions = syntheticSolutions(size, startups.map((startup) => startup._id));
    await insertInBatches(SolutionModel, solutions);

    const challenges = Array.from({ length: challengeCount }, (_unused, index) => {
      const publishedAt = new Date(now.getTime() - random() * 365 * DAY_MS);
      return {
        _id: new Types.ObjectId(),
        organisationId: pick(bodies)._id,
        title: `Bench challenge ${index}`,
        sectors: [pick(sectors), pick(sectors)].filter((sector, position, all) => all.indexOf(sector) === position),
        region: pick(regions),
        status: 'OPEN',
        publishedAt,
        responseDeadline: new Date(publishedAt.getTime() + 60 * DAY_MS),
        kpis: [],
        version: 3,
        history: [],
        createdAt: publishedAt,
        updatedAt: publishedAt,
      };
    });
    await insertInBatches(ChallengeModel, challenges);

    const responses = challenges.flatMap((challenge) =>
      Array.from({ length: Math.floor(random() * 6) }, () => {
        const solution = pick(solutions);
        const _id = new Types.ObjectId();
        // Keyed by its own id: the one-per-start-up rule is the service's, not the bench's.
        return { _id, challengeId: challenge._id, solutionId: solution._id, organisationId: solution.organisationId, status: 'SUBMITTED', liveKey: _id.toHexString(), version: 1, submittedAt: challenge.publishedAt };
      }),
    );
    await insertInBatches(ResponseModel, responses);

    // Each challenge's suggestions, a share of them shortlisted, introduced and accepted, as curation leaves them.
    const features = { lexical: 0.5 };
    const matches = challenges.flatMap((challenge) => {
      // One match per pair, as the unique index has it: consecutive solutions from a random start.
      const first = Math.floor(random() * solutions.length);
      return Array.from({ length: MATCHES_PER_CHALLENGE }, (_unused, index) => {
        const solution = solutions[(first + index) % solutions.length]!;
        const at = (days: number) => new Date(challenge.publishedAt.getTime() + days * DAY_MS);
        const history = [{ event: 'SUGGEST', to: 'SUGGESTED', at: at(0), features }];
        const depth = random();
        if (depth < 0.3) history.push({ event: 'SHORTLIST', to: 'SHORTLISTED', at: at(2 + random() * 5), features });
        if (depth < 0.1) history.push({ event: 'INTRODUCE', to: 'INTRODUCED', at: at(8 + random() * 10), features });
        if (depth < 0.04) history.push({ event: 'ACCEPT', to: 'ACCEPTED', at: at(20 + random() * 10), features });
        return {
          _id: new Types.ObjectId(),
          challengeId: challenge._id,
          challengeOrganisationId: challenge.organisationId,
          solutionId: solution._id,
          solutionOrganisationId: solution.organisationId,
          source: 'MATCHER',
          status: history.at(-1)!.to,
          score: random(),
          explanation: { score: 0, features, contributions: [], matchedTerms: [], checksPassed: [], whyNot: [], eligible: true },
          materialKey: 'bench',
          history,
          staffNotes: [],
          version: history.length,
          createdAt: at(0),
          updatedAt: history.at(-1)!.at,
        };
      });
    });
    await insertInBatches(MatchModel, matches);

    const outcomes = ['ADOPTED', 'EXTENDED', 'STOPPED'] as const;
    const pilots = matches
      .filter((match) => match.status === 'ACCEPTED')
      .map((match) => {
        const status = pick(['PLANNING', 'LIVE', 'EVALUATING', 'COMPLETED', 'COMPLETED', 'CANCELLED'] as const);
        const kind = pick(outcomes);
        return {
          _id: new Types.ObjectId(),
          matchId: match._id,
          challengeId: match.challengeId,
          challengeOrganisationId: match.challengeOrganisationId,
          solutionId: match.solutionId,
          solutionOrganisationId: match.solutionOrganisationId,
          status,
          kpis: [{ name: 'forms', unit: 'forms', baseline: 40, target: 16, direction: 'DECREASE', measurements: [{ value: 16 + random() * 30, measuredOn: match.updatedAt, recordedByUserId: new Types.ObjectId(), recordedAt: match.updatedAt }] }],
          milestones: [],
          updates: [],
          plannedLengthWeeks: 12,
          ...(status === 'COMPLETED' ? { outcome: { kind, ...(kind === 'ADOPTED' ? { contractValueGbp: 100_000 } : {}) } } : {}),
          version: 1,
          history: [],
          createdAt: new Date(match.updatedAt.getTime() + 5 * DAY_MS),
          updatedAt: match.updatedAt,
        };
      });
    await insertInBatches(PilotModel, pilots);
    const loadSeconds = ((performance.now() - started) / 1000).toFixed(1);
    // The records went in directly, as an upgraded database's did, so the reports' rollup is built as a worker builds it at start.
    const rebuildStarted = performance.now();
    const rollupRows = await ensureChallengeRollups();
    const rebuildSeconds = ((performance.now() - rebuildStarted) / 1000).toFixed(1);

    const staff: UserActor = { kind: 'user', userId: new Types.ObjectId().toHexString(), email: 'bench@pilotline.test', name: 'Bench', platformRoles: ['STAFF'], memberships: [] };
    const ctx = serviceContext({ mailer: new MemoryMailer(), publicUrl: 'http://localhost', events: loggingEventSink(logger), logger }, staff);
    const filters: { label: string; filter: ReportFilter | null }[] = [
      { label: 'everything', filter: null },
      { label: 'one sector', filter: { sector: 'TRANSPORT_AND_PARKING' } },
      { label: 'one region', filter: { region: 'LONDON' } },
      { label: 'last quarter', filter: { from: new Date(now.getTime() - 91 * DAY_MS) } },
    ];
    const figures = (samples: number[]) => ({ 'p50 (ms)': Number(percentile(samples, 50).toFixed(1)), 'p95 (ms)': Number(percentile(samples, 95).toFixed(1)), samples: samples.length });
    const time = async (query: string, run: (filter: ReportFilter | null) => Promise<unknown>) => {
      const samples = new Map(filters.map(({ label }) => [label, [] as number[]]));
      await run(null); // warm-up: the first read of each collection
      for (let round = 0; round < rounds; round += 1) {
        for (const { label, filter } of filters) {
          const begin = performance.now();
          await run(filter);
          samples.get(label)!.push(performance.now() - begin);
        }
      }
      return [
        ...filters.map(({ label }) => ({ query, filter: label, ...figures(samples.get(label)!) })),
        { query, filter: 'all four', ...figures([...samples.values()].flat()) },
      ];
    };
    const table = [...(await time('dashboard', (filter) => dashboard(ctx, filter))), ...(await time('fairness', (filter) => fairness(ctx, { filter })))];
    const whole = await dashboard(ctx, null);
    console.log(
      `dashboard bench: ${size} solutions, ${challengeCount} challenges, ${responses.length} responses, ${matches.length} matches, ${pilots.length} pilots (loaded in ${loadSeconds} s; reporting rollup of ${rollupRows} rows built in ${rebuildSeconds} s)`,
    );
    console.log(`funnel: ${whole.funnel.map((step) => `${step.stage} ${step.count}`).join(' → ')}`);
    console.table(table);
    console.log(`${rounds} rounds of the four filters, timed through the services`);
    // What keeping the rollup adds to the prompt lane: one match shortlisted, its event handled.
    const consumer = reportingRollupConsumer();
    const recounts: number[] = [];
    for (let sample = 0; sample < rounds; sample += 1) {
      const match = pick(matches);
      const at = new Date();
      await MatchModel.updateOne({ _id: match._id }, { $set: { status: 'SHORTLISTED' }, $push: { history: { event: 'SHORTLIST', from: match.status, to: 'SHORTLISTED', at, features } }, $inc: { version: 1 } });
      const version = match.history.length + 1;
      match.history.push({ event: 'SHORTLIST', to: 'SHORTLISTED', at, features });
      const begin = performance.now();
      await consumer.handle({ id: `match:${match._id.toHexString()}@${version}`, entity: 'match', recordId: match._id.toHexString(), name: 'match.SHORTLIST', version, at });
      recounts.push(performance.now() - begin);
    }
    console.log(`rollup consumer, one match shortlisted: p50 ${percentile(recounts, 50).toFixed(1)} ms, p95 ${percentile(recounts, 95).toFixed(1)} ms (${recounts.length} events)`);
  } finally {
    await mongoose.disconnect();
    await mongo.stop();
  }
}
