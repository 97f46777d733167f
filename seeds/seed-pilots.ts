import { z } from 'zod';
import type { ServiceContext } from '../server/src/context/service-context';
import type { PilotRecord } from '../server/src/pilots/pilot.model';
import { EmbeddedSearchEngine } from '../server/src/search/adapters/embedded/embedded-search-engine';
import { solutionSearchSource } from '../server/src/solutions/solution.search';
import { eachPublishedSolution } from '../server/src/solutions/solution.service';
import { acceptMatch, addMatch, introduceMatch, shortlistMatch } from '../server/src/matching/match.service';
import {
  cancelPilot,
  completePilot,
  goLivePilot,
  postPilotUpdate,
  recordPilotMeasurement,
  startPilot,
  startPilotEvaluation,
} from '../server/src/pilots/pilot.service';
import type { CompletePilotInput } from '../server/src/contract/generated/resolvers-types';
import type { SeedContext } from './seed-context';
import type { ChallengeIdByKey } from './seed-challenges';
import type { SolutionIdByKey } from './seed-solutions';
import { readSeedFiles, readSolutionOwners } from './seed-data';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** How far a demo pilot got, and how it ended. */
type Ending = { state: 'PLANNING' | 'LIVE' | 'EVALUATING' } | { state: 'COMPLETED'; outcome: Omit<CompletePilotInput, 'pilotId' | 'expectedVersion'> } | { state: 'CANCELLED'; reason: string };

/** A demo pilot: which labelled pair, when it went live, its first KPI's values week by week, and its ending. */
interface PilotStory {
  challengeKey: string;
  solutionKey: string;
  /** How many weeks of measurements it has: the first was taken this many weeks ago. */
  liveWeeksAgo: number;
  /** The first KPI's value at each week since going live, with a note when it says something. */
  history: { week: number; value: number; note?: string }[];
  updates: string[];
  ending: Ending;
}

/**
 * The pilots the demo tells: one in every state, each with a KPI history worth reading. The
 * police force's mobile forms take paper forms from 40 to 16 a week (60% fewer); the council's
 * pay-by-phone parking is adopted; the online GP request route is extended; a disclosure tool is
 * stopped, and says why.
 */
const STORIES: PilotStory[] = [
  {
    challengeKey: 'p-paper-forms',
    solutionKey: 'ff-mobile',
    liveWeeksAgo: 26,
    history: [
      { week: 0, value: 40, note: 'Baseline week: every stop, search and witness statement on paper.' },
      { week: 4, value: 34 },
      { week: 8, value: 27, note: 'Offline mode rolled out to rural response teams.' },
      { week: 12, value: 22 },
      { week: 18, value: 18 },
      { week: 24, value: 16, note: 'Target met: 60% fewer paper forms than at the start.' },
    ],
    updates: ['Devices issued to 120 response officers.', 'Custody suite now receives forms electronically.'],
    ending: { state: 'EVALUATING' },
  },
  {
    challengeKey: 't-pay-by-phone',
    solutionKey: 'pp-pay',
    liveWeeksAgo: 30,
    history: [
      { week: 0, value: 38 },
      { week: 6, value: 52 },
      { week: 12, value: 66, note: 'Signs with the location code on every bay.' },
      { week: 20, value: 79 },
      { week: 26, value: 87 },
    ],
    updates: ['Two town-centre zones live.', 'Cabinet approved a city-wide contract.'],
    ending: {
      state: 'COMPLETED',
      outcome: { outcome: 'ADOPTED', contractValueGbp: 240_000, contractStartsOn: new Date('2027-04-01T00:00:00.000Z'), contractEndsOn: new Date('2030-03-31T00:00:00.000Z') },
    },
  },
  {
    challengeKey: 'h-gp-8am',
    solutionKey: 'tf-navigator',
    liveWeeksAgo: 20,
    history: [
      { week: 0, value: 42, note: 'Calls abandoned at the 8am peak before online requests opened.' },
      { week: 6, value: 36 },
      { week: 12, value: 31, note: 'Online requests now open all day, not just until 10am.' },
      { week: 18, value: 29 },
    ],
    updates: ['Four practices in the group take online booking requests.', 'Extended to test the all-day request window through the winter peak.'],
    ending: { state: 'COMPLETED', outcome: { outcome: 'EXTENDED' } },
  },
  {
    challengeKey: 'p-case-file-quality',
    solutionKey: 'ev-disclose',
    liveWeeksAgo: 22,
    history: [
      { week: 0, value: 26 },
      { week: 8, value: 25 },
      { week: 16, value: 27, note: 'No change: schedules are still completed on paper first.' },
    ],
    updates: ['Integration with the case system slipped twice.'],
    ending: {
      state: 'COMPLETED',
      outcome: { outcome: 'STOPPED', stopReason: 'The tool could not read files from our case management system, so officers keyed every schedule twice.' },
    },
  },
  {
    challengeKey: 'c-digital-exclusion',
    solutionKey: 'bw-device-bank',
    liveWeeksAgo: 10,
    history: [
      { week: 0, value: 0 },
      { week: 4, value: 310 },
      { week: 8, value: 720, note: 'Libraries joined as collection points.' },
    ],
    updates: ['First 300 refurbished laptops handed out.'],
    ending: { state: 'LIVE' },
  },
  {
    challengeKey: 'h-dna-outpatients',
    solutionKey: 'aw-predict',
    liveWeeksAgo: 0,
    history: [],
    updates: ['Data sharing agreement with the trust in review.'],
    ending: { state: 'PLANNING' },
  },
  {
    challengeKey: 'h-ed-waiting',
    solutionKey: 'fw-ed-streaming',
    liveWeeksAgo: 0,
    history: [],
    updates: [],
    ending: { state: 'CANCELLED', reason: 'The trust merged its two emergency departments and the pilot site closed.' },
  },
];

const challengeOwnersSchema = z.object({ key: z.string(), orgKey: z.string(), kpis: z.array(z.object({ name: z.string() })) });

/**
 * Staff add and curate matches through the matcher's own scoring, which reads candidates from a
 * search engine: the seeding run gets a private embedded index of the published solutions,
 * built from the records directly so that the server's own indexer still finds every record dirty.
 */
async function seedingSearch(system: ServiceContext): Promise<NonNullable<ServiceContext['search']>> {
  const engine = new EmbeddedSearchEngine();
  await engine.ensureIndex(solutionSearchSource.index, solutionSearchSource.settings);
  const published = [];
  for await (const solution of eachPublishedSolution(system)) published.push(solution);
  await engine.upsertDocuments(solutionSearchSource.index, await solutionSearchSource.toDocuments(published));
  return { assertReady: () => engine };
}

/**
 * Takes one story from an accepted introduction through its pilot's life, each step by the side
 * who would take it. The steps happen now (the challenges were just published, and reports
 * measure from publication); the measurements carry the weeks they were taken.
 */
async function tell(context: SeedContext, story: PilotStory, ids: { challengeId: string; solutionId: string; bodyKey: string; startupKey: string; kpiName: string }, search: ServiceContext['search']) {
  const staff = { ...context.admin, search };
  const body = context.ownerOf(ids.bodyKey);
  const startup = context.ownerOf(ids.startupKey);
  const matchId = (await addMatch(staff, { challengeId: ids.challengeId, solutionId: ids.solutionId }))._id.toHexString();
  await shortlistMatch(staff, { matchId });
  await introduceMatch(staff, { matchId });
  await acceptMatch(body, { matchId });
  await acceptMatch(startup, { matchId });
  let pilot: PilotRecord = await startPilot(body, { matchId });
  const pilotId = pilot._id.toHexString();
  for (const text of story.updates) pilot = await postPilotUpdate(startup, { pilotId, text });
  if (story.ending.state === 'CANCELLED') {
    await cancelPilot(body, { pilotId, expectedVersion: pilot.version, reason: story.ending.reason });
    return;
  }
  if (story.ending.state === 'PLANNING') return;
  pilot = await goLivePilot(body, { pilotId, expectedVersion: pilot.version });
  for (const point of story.history) {
    const measuredOn = new Date(startup.now.getTime() - (story.liveWeeksAgo - point.week) * WEEK_MS);
    pilot = await recordPilotMeasurement(startup, { pilotId, kpiName: ids.kpiName, value: point.value, measuredOn, note: point.note });
  }
  if (story.ending.state === 'LIVE') return;
  pilot = await startPilotEvaluation(body, { pilotId, expectedVersion: pilot.version });
  if (story.ending.state === 'COMPLETED') await completePilot(body, { pilotId, expectedVersion: pilot.version, ...story.ending.outcome });
}

/** The demo's pilots, one story each, all through the services as the people who would act. */
export async function seedPilots(context: SeedContext, challengeIds: ChallengeIdByKey, solutionIds: SolutionIdByKey): Promise<void> {
  const search = await seedingSearch(context.system);
  const challenges = new Map(readSeedFiles('challenges', challengeOwnersSchema).map((challenge) => [challenge.key, challenge]));
  const solutionOwners = readSolutionOwners();
  for (const story of STORIES) {
    const challenge = challenges.get(story.challengeKey);
    const challengeId = challengeIds.get(story.challengeKey);
    const solutionId = solutionIds.get(story.solutionKey);
    const startupKey = solutionOwners.get(story.solutionKey);
    if (!challenge || !challengeId || !solutionId || !startupKey) throw new Error(`pilot story ${story.challengeKey} × ${story.solutionKey} names a record the seeds lack`);
    await tell(context, story, { challengeId, solutionId, bodyKey: challenge.orgKey, startupKey, kpiName: challenge.kpis[0]!.name }, search);
  }
  context.log(`seeded ${STORIES.length} pilots`);
}
