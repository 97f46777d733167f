import type { Model, Types } from 'mongoose';
import type { EventConsumer } from '../events/event-dispatcher';
import type { PeriodicJob } from '../search-sync/periodic-jobs';
import { isDuplicateKey } from '../db/duplicate-key';
import { trusted } from '../db/trusted';
import { ResponseModel, type ResponseRecord } from '../responses/response.model';
import { MatchModel, type MatchRecord, type MatchTransitionRecord } from '../matching/match.model';
import { PilotModel, type PilotRecord } from '../pilots/pilot.model';
import { kpiProgress } from '../pilots/pilot.progress';
import { packTallies } from './startup-tallies';
import {
  ChallengeRollupModel,
  RollupStateModel,
  type ChallengeRollupRecord,
  type CountedMatchRecord,
  type CountedPilotRecord,
  type CountedRecord,
  type StartupTallyRecord,
} from './challenge-rollup.model';

/**
 * The reporting rollup: one small row per challenge (challenge-rollup.model.ts), so the dashboard
 * and the fairness view read the cohort's rows instead of every match. A domain-event consumer
 * puts each changed record's contribution on its row, versioned, so the figures are exactly what
 * a count over the records gives however often or late an event is delivered; a rebuild counts
 * every row from scratch, for databases that have none yet or hold an older format.
 */

/** Bump when a row's figures are counted differently: workers then rebuild every row. */
const ROLLUP_FORMAT = 2;
const STATE_ID = 'challenge-rollups';

type CountedMatch = Pick<MatchRecord, '_id' | 'challengeId' | 'solutionOrganisationId' | 'status' | 'version'> & {
  history: Pick<MatchTransitionRecord, 'to' | 'at'>[];
};
type CountedPilot = Pick<PilotRecord, '_id' | 'challengeId' | 'matchId' | 'status' | 'outcome' | 'kpis' | 'createdAt' | 'version'>;
type CountedResponse = Pick<ResponseRecord, '_id' | 'challengeId' | 'version'>;

/** The figures a row sums from one kind of contribution; a pilot's contributions are figures themselves. */
function matchFigures(entries: CountedMatchRecord[]): Partial<ChallengeRollupRecord> {
  const startups = new Map<string, StartupTallyRecord>();
  for (const entry of entries) {
    const key = entry.organisationId.toHexString();
    let startup = startups.get(key);
    if (!startup) startups.set(key, (startup = { organisationId: entry.organisationId, suggested: 0, shortlisted: 0, accepted: 0 }));
    startup.suggested += 1;
    if (entry.shortlisted) startup.shortlisted += 1;
    if (entry.accepted) startup.accepted += 1;
  }
  return {
    suggested: entries.length,
    shortlisted: entries.filter((entry) => entry.shortlisted).length,
    accepted: entries.filter((entry) => entry.accepted).length,
    introductions: entries.flatMap((entry) => (entry.introducedAt ? [{ matchId: entry.recordId, at: entry.introducedAt }] : [])),
    startups: packTallies([...startups.values()]),
  };
}

/** A model of records that each belong to one challenge. */
type SourceModel = Model<{ _id: Types.ObjectId; challengeId: Types.ObjectId }>;

/** A kind of source record: where its contributions live on the row, and how one is taken from a record. */
interface RollupPart<R, E extends CountedRecord> {
  model: SourceModel;
  fields: Record<string, 1>;
  entries: 'responseEntries' | 'matchEntries' | 'pilots';
  entryOf(record: R): E;
  figuresOf(entries: E[]): Partial<ChallengeRollupRecord>;
}

const responsePart: RollupPart<CountedResponse, CountedRecord> = {
  model: ResponseModel as unknown as SourceModel,
  fields: { challengeId: 1, version: 1 },
  entries: 'responseEntries',
  entryOf: (response) => ({ recordId: response._id, version: response.version }),
  figuresOf: (entries) => ({ responses: entries.length }),
};

/** Shortlisted if its history ever says so, accepted (terminal) by its status, introduced at its first introduction. */
const matchPart: RollupPart<CountedMatch, CountedMatchRecord> = {
  model: MatchModel as unknown as SourceModel,
  fields: { challengeId: 1, solutionOrganisationId: 1, status: 1, version: 1, 'history.to': 1, 'history.at': 1 },
  entries: 'matchEntries',
  entryOf(match) {
    const introducedAt = Math.min(...match.history.filter((step) => step.to === 'INTRODUCED').map((step) => step.at.getTime()));
    return {
      recordId: match._id,
      version: match.version,
      organisationId: match.solutionOrganisationId,
      shortlisted: match.history.some((step) => step.to === 'SHORTLISTED'),
      accepted: match.status === 'ACCEPTED',
      introducedAt: Number.isFinite(introducedAt) ? new Date(introducedAt) : null,
    };
  },
  figuresOf: matchFigures,
};

const pilotPart: RollupPart<CountedPilot, CountedPilotRecord> = {
  model: PilotModel as unknown as SourceModel,
  fields: { challengeId: 1, matchId: 1, status: 1, outcome: 1, kpis: 1, createdAt: 1, version: 1 },
  entries: 'pilots',
  entryOf: (pilot) => ({
    recordId: pilot._id,
    version: pilot.version,
    matchId: pilot.matchId,
    status: pilot.status,
    outcome: pilot.outcome?.kind ?? null,
    kpiProgress: pilot.kpis.map(kpiProgress).filter((progress): progress is number => progress !== null),
    createdAt: pilot.createdAt,
  }),
  figuresOf: () => ({}),
};

type AnyPart = RollupPart<never, CountedRecord>;
/** Each entity whose events change the figures, with its part. */
const PART_OF_ENTITY: Record<string, AnyPart | undefined> = { response: responsePart as never, match: matchPart as never, pilot: pilotPart as never };

/** How often a write that lost a race to another on the same row is tried again before the event is left for redelivery. */
const WRITE_ATTEMPTS = 10;

/**
 * Puts one record's contribution on its challenge's row, unless the row holds it as of the same
 * version or a later one, with the figures summed again. The write is conditional on the row's
 * revision (a row created meanwhile collides on its _id), so concurrent events never lose one another.
 */
async function storeEntry(challengeId: Types.ObjectId, part: AnyPart, entry: CountedRecord): Promise<void> {
  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt += 1) {
    const row = await ChallengeRollupModel.findById(challengeId).select({ revision: 1, [part.entries]: 1 }).lean();
    const entries = (row?.[part.entries] ?? []) as CountedRecord[];
    const counted = entries.find((candidate) => candidate.recordId.equals(entry.recordId));
    if (counted && counted.version >= entry.version) return;
    const next = [...entries.filter((candidate) => candidate !== counted), entry];
    try {
      const written = await ChallengeRollupModel.updateOne(
        { _id: challengeId, revision: row ? row.revision : trusted({ $exists: false }) },
        { $set: { [part.entries]: next, ...part.figuresOf(next) }, $inc: { revision: 1 } },
        { upsert: !row },
      );
      if (written.matchedCount + written.upsertedCount > 0) return;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  throw new Error(`the reporting rollup of challenge ${challengeId.toHexString()} kept changing under its writes`);
}

/**
 * Keeps the rollup up to date: each event on a response, match or pilot puts that record's
 * contribution, read afresh, on its challenge's row. Prompt, so staff see a change on their next
 * look; the record and the row are each read by _id, so an event costs no scan of any collection.
 */
export function reportingRollupConsumer(): EventConsumer {
  return {
    name: 'reporting-rollup',
    // An import (the demo seed) rebuilds the rollup from its records instead, so a fresh server's
    // prompt lane has no backlog of history to count before the first real event.
    actsOnHistory: false,
    async handle(event) {
      const part = PART_OF_ENTITY[event.entity];
      if (!part) return;
      const record = await part.model.findById(event.recordId).select(part.fields).lean();
      if (!record) return;
      await storeEntry(record.challengeId, part, part.entryOf(record as never));
    },
  };
}

/**
 * Counts every row afresh from the source records, one pass over each collection, and writes
 * whole rows (a write per record would scan the rows each time on mongo-java-server, which uses
 * the _id index only for a filter on _id alone). Rows are dropped first, so none keeps a figure
 * counted the old way; a row the consumer created meanwhile gets the rebuild's contributions by
 * the consumer's rule instead. Records the format built; returns the rows written.
 */
export async function rebuildChallengeRollups(): Promise<number> {
  await ChallengeRollupModel.deleteMany({});
  const parts = [responsePart, matchPart, pilotPart] as unknown as AnyPart[];
  const rows = new Map<string, { _id: Types.ObjectId; entries: Map<AnyPart, CountedRecord[]> }>();
  const recordsOfEach = await Promise.all(parts.map((part) => part.model.find().select(part.fields).lean()));
  for (const [index, part] of parts.entries()) {
    for (const record of recordsOfEach[index]!) {
      const key = record.challengeId.toHexString();
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { _id: record.challengeId, entries: new Map(parts.map((each) => [each, []])) }));
      row.entries.get(part)!.push(part.entryOf(record as never));
    }
  }
  const documents = [...rows.values()].map(({ _id, entries }) => ({
    _id,
    revision: 0,
    ...Object.assign({}, ...parts.map((part) => ({ [part.entries]: entries.get(part)!, ...part.figuresOf(entries.get(part)!) }))),
  }));
  for (let start = 0; start < documents.length; start += 1000) {
    const batch = documents.slice(start, start + 1000);
    try {
      // Unordered for the rows the consumer may have created meanwhile; an invalid row must fail the rebuild, not vanish.
      await ChallengeRollupModel.insertMany(batch, { ordered: false, throwOnValidationError: true });
    } catch (error) {
      if (!onlyDuplicateKeys(error)) throw error;
      // Rare: the consumer created some of these rows meanwhile; each contribution keeps its newer version.
      for (const { _id } of batch) {
        for (const [part, entries] of rows.get(_id.toHexString())!.entries) for (const entry of entries) await storeEntry(_id, part, entry);
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
