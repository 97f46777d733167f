import type { Model, Types } from 'mongoose';
import type { EventConsumer } from '../events/event-dispatcher';
import type { PeriodicJob } from '../search-sync/periodic-jobs';
import { isDuplicateKey } from '../db/duplicate-key';
import { trusted } from '../db/trusted';
import { ResponseModel } from '../responses/response.model';
import { MatchModel, type MatchRecord, type MatchTransitionRecord } from '../matching/match.model';
import { PilotModel, type PilotRecord } from '../pilots/pilot.model';
import { kpiProgress } from '../pilots/pilot.progress';
import { packTallies } from './startup-tallies';
import {
  ChallengeRollupModel,
  RollupStateModel,
  type ChallengeRollupRecord,
  type IntroductionRecord,
  type RollupPart,
  type StartupTallyRecord,
} from './challenge-rollup.model';

/**
 * The reporting rollup: one small row per challenge (challenge-rollup.model.ts), so the dashboard
 * and the fairness view read the cohort's rows instead of every match. A domain-event consumer
 * recounts the part of a row an event's record belongs to from the source records, so figures
 * are exactly what a count over the records gives however often an event is delivered; a rebuild
 * recounts every row from scratch, for databases that have none yet or hold an older format.
 */

/** Bump when a row's figures are counted differently: workers then rebuild every row. */
const ROLLUP_FORMAT = 1;
const STATE_ID = 'challenge-rollups';

type CountedMatch = Pick<MatchRecord, '_id' | 'challengeId' | 'solutionOrganisationId' | 'status' | 'version'> & {
  history: Pick<MatchTransitionRecord, 'to' | 'at'>[];
};
const MATCH_FIELDS = { challengeId: 1, solutionOrganisationId: 1, status: 1, version: 1, 'history.to': 1, 'history.at': 1 };

type CountedPilot = Pick<PilotRecord, 'challengeId' | 'matchId' | 'status' | 'outcome' | 'kpis' | 'createdAt' | 'version'>;
const PILOT_FIELDS = { challengeId: 1, matchId: 1, status: 1, outcome: 1, kpis: 1, createdAt: 1, version: 1 };

type PartFigures = {
  responses: Pick<ChallengeRollupRecord, 'responses'>;
  matches: Pick<ChallengeRollupRecord, 'suggested' | 'shortlisted' | 'accepted' | 'introductions' | 'startups'>;
  pilots: Pick<ChallengeRollupRecord, 'pilots'>;
};
interface Recount<P extends RollupPart> {
  figures: PartFigures[P];
  countedFrom: number;
}

const versionSum = (records: { version: number }[]) => records.reduce((sum, record) => sum + record.version, 0);

/**
 * A match counts at each stage it reached, even if it moved on or was rejected later: shortlisted
 * if its history ever says so, accepted (terminal) by its status, introduced at its first introduction.
 */
function matchFigures(matches: CountedMatch[]): PartFigures['matches'] {
  const startups = new Map<string, StartupTallyRecord>();
  const introductions: IntroductionRecord[] = [];
  let shortlisted = 0;
  let accepted = 0;
  for (const match of matches) {
    const wasShortlisted = match.history.some((step) => step.to === 'SHORTLISTED');
    const isAccepted = match.status === 'ACCEPTED';
    const introducedAt = Math.min(...match.history.filter((step) => step.to === 'INTRODUCED').map((step) => step.at.getTime()));
    if (Number.isFinite(introducedAt)) introductions.push({ matchId: match._id, at: new Date(introducedAt) });
    const key = match.solutionOrganisationId.toHexString();
    let startup = startups.get(key);
    if (!startup) startups.set(key, (startup = { organisationId: match.solutionOrganisationId, suggested: 0, shortlisted: 0, accepted: 0 }));
    startup.suggested += 1;
    if (wasShortlisted) (startup.shortlisted += 1), (shortlisted += 1);
    if (isAccepted) (startup.accepted += 1), (accepted += 1);
  }
  return { suggested: matches.length, shortlisted, accepted, introductions, startups: packTallies([...startups.values()]) };
}

function pilotFigures(pilots: CountedPilot[]): PartFigures['pilots'] {
  return {
    pilots: pilots.map((pilot) => ({
      matchId: pilot.matchId,
      status: pilot.status,
      outcome: pilot.outcome?.kind ?? null,
      kpiProgress: pilot.kpis.map(kpiProgress).filter((progress): progress is number => progress !== null),
      createdAt: pilot.createdAt,
    })),
  };
}

/** Each part recounted for one challenge, from an equality on its records' challengeId. */
const RECOUNT: { [P in RollupPart]: (challengeId: Types.ObjectId) => Promise<Recount<P>> } = {
  async responses(challengeId) {
    const responses = await ResponseModel.find({ challengeId }).select({ version: 1 }).lean();
    return { figures: { responses: responses.length }, countedFrom: versionSum(responses) };
  },
  async matches(challengeId) {
    const matches = await MatchModel.find({ challengeId }).select(MATCH_FIELDS).lean<CountedMatch[]>();
    return { figures: matchFigures(matches), countedFrom: versionSum(matches) };
  },
  async pilots(challengeId) {
    const pilots = await PilotModel.find({ challengeId }).select(PILOT_FIELDS).lean<CountedPilot[]>();
    return { figures: pilotFigures(pilots), countedFrom: versionSum(pilots) };
  },
};

/**
 * The write storing one part of a challenge's row, unless the row holds that part counted from a
 * read at least as new. When it does, the upsert collides on the _id, which means the same.
 */
function partWrite<P extends RollupPart>(challengeId: Types.ObjectId, part: P, { figures, countedFrom }: Recount<P>) {
  const countedFromField = `countedFrom.${part}`;
  return {
    filter: { _id: challengeId, [countedFromField]: trusted({ $not: trusted({ $gte: countedFrom }) }) },
    update: { $set: { ...figures, [countedFromField]: countedFrom } },
  };
}

async function storePart<P extends RollupPart>(challengeId: Types.ObjectId, part: P, recount: Recount<P>): Promise<void> {
  const { filter, update } = partWrite(challengeId, part, recount);
  try {
    await ChallengeRollupModel.updateOne(filter, update, { upsert: true });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

/** The entities whose records feed a part, each record naming its challenge. */
const PART_OF_ENTITY: Record<string, { part: RollupPart; model: Model<{ challengeId: Types.ObjectId }> } | undefined> = {
  response: { part: 'responses', model: ResponseModel as never },
  match: { part: 'matches', model: MatchModel as never },
  pilot: { part: 'pilots', model: PilotModel as never },
};

/**
 * Keeps the rollup up to date: each event on a response, match or pilot has that record's part of
 * its challenge's row recounted. Prompt, so staff see a change on their next look.
 */
export function reportingRollupConsumer(): EventConsumer {
  return {
    name: 'reporting-rollup',
    // An import (the demo seed) rebuilds the rollup from its records instead, so a fresh server's
    // prompt lane has no backlog of history to recount before the first real event.
    actsOnHistory: false,
    async handle(event) {
      const source = PART_OF_ENTITY[event.entity];
      if (!source) return;
      const record = await source.model.findById(event.recordId).select({ challengeId: 1 }).lean();
      if (!record) return;
      await storePart(record.challengeId, source.part, await RECOUNT[source.part](record.challengeId));
    },
  };
}

const groupedBy = <T extends { challengeId: Types.ObjectId }>(records: T[]) => {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const key = record.challengeId.toHexString();
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  return groups;
};

const NO_PART: { [P in RollupPart]: Recount<P> } = {
  responses: { figures: { responses: 0 }, countedFrom: 0 },
  matches: { figures: matchFigures([]), countedFrom: 0 },
  pilots: { figures: pilotFigures([]), countedFrom: 0 },
};

/**
 * Recounts every row from the source records in one read of each collection, and writes whole
 * rows: on mongo-java-server, which has no use for non-unique indexes or for the _id index under
 * a compound filter, a recount or a guarded write per challenge would scan a collection each.
 * Rows are dropped first, so none keeps a figure counted the old way; a row the consumer wrote
 * meanwhile has its parts stored by the consumer's rule instead. Records the format built;
 * returns the rows written.
 */
export async function rebuildChallengeRollups(): Promise<number> {
  await ChallengeRollupModel.deleteMany({});
  const [responseTallies, matches, pilots] = await Promise.all([
    ResponseModel.aggregate<{ _id: Types.ObjectId; responses: number; versions: number }>([
      { $group: { _id: '$challengeId', responses: { $sum: 1 }, versions: { $sum: '$version' } } },
    ]),
    MatchModel.find().select(MATCH_FIELDS).lean<CountedMatch[]>(),
    PilotModel.find().select(PILOT_FIELDS).lean<CountedPilot[]>(),
  ]);
  const rows = new Map<string, { _id: Types.ObjectId; parts: { [P in RollupPart]: Recount<P> } }>();
  const rowOf = (challengeId: Types.ObjectId) => {
    const key = challengeId.toHexString();
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { _id: challengeId, parts: { ...NO_PART } }));
    return row.parts;
  };
  for (const tally of responseTallies) rowOf(tally._id).responses = { figures: { responses: tally.responses }, countedFrom: tally.versions };
  for (const group of groupedBy(matches).values()) rowOf(group[0]!.challengeId).matches = { figures: matchFigures(group), countedFrom: versionSum(group) };
  for (const group of groupedBy(pilots).values()) rowOf(group[0]!.challengeId).pilots = { figures: pilotFigures(group), countedFrom: versionSum(group) };
  const documents = [...rows.values()].map(({ _id, parts }) => ({
    _id,
    ...parts.responses.figures,
    ...parts.matches.figures,
    ...parts.pilots.figures,
    countedFrom: { responses: parts.responses.countedFrom, matches: parts.matches.countedFrom, pilots: parts.pilots.countedFrom },
  }));
  for (let start = 0; start < documents.length; start += 1000) {
    const batch = documents.slice(start, start + 1000);
    try {
      await ChallengeRollupModel.insertMany(batch, { ordered: false });
    } catch (error) {
      if (!onlyDuplicateKeys(error)) throw error;
      // Rare: the consumer wrote some of these rows meanwhile. The guard keeps the newer count of each part.
      for (const { _id } of batch) {
        const { parts } = rows.get(_id.toHexString())!;
        await storePart(_id, 'responses', parts.responses);
        await storePart(_id, 'matches', parts.matches);
        await storePart(_id, 'pilots', parts.pilots);
      }
    }
  }
  await RollupStateModel.updateOne({ _id: STATE_ID }, { $set: { format: ROLLUP_FORMAT, builtAt: new Date() } }, { upsert: true });
  return documents.length;
}

const onlyDuplicateKeys = (error: unknown) => {
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  return Array.isArray(writeErrors) && writeErrors.length > 0 && writeErrors.every(isDuplicateKey);
};

/** Rebuilds the rows when the database has none built yet, or built in another format; returns the rows written (0 if up to date). */
export async function ensureChallengeRollups(): Promise<number> {
  const state = await RollupStateModel.findById(STATE_ID).lean();
  return state?.format === ROLLUP_FORMAT ? 0 : rebuildChallengeRollups();
}

/** How often a worker checks that the rollup is built in the current format: only after a deployment can it not be. */
const ENSURE_EVERY_MS = 10 * 60_000;

/** The worker loop's job that builds the rollup on a database that lacks it (its first pass runs at start). */
export function challengeRollupJob(): PeriodicJob {
  return { name: 'reporting-rollup', everyMs: ENSURE_EVERY_MS, run: () => ensureChallengeRollups() };
}

/** Every row, with the given fields only; a challenge with no row has had no activity yet. Reports pick their cohort's. */
export function rollupRows<F extends keyof ChallengeRollupRecord>(fields: readonly F[]): Promise<Pick<ChallengeRollupRecord, '_id' | F>[]> {
  return ChallengeRollupModel.find()
    .select(Object.fromEntries(fields.map((field) => [field, 1])))
    .lean<Pick<ChallengeRollupRecord, '_id' | F>[]>()
    .exec();
}
