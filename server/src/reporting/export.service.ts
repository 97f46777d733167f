import type { Types } from 'mongoose';
import type { ServiceContext } from '../context/service-context';
import { ChallengeModel, type ChallengeRecord } from '../challenges/challenge.model';
import { effectiveStatus } from '../challenges/challenge.policy';
import { MatchModel, type MatchRecord } from '../matching/match.model';
import { OrganisationModel } from '../organisations/organisation.model';
import { PilotModel, type PilotRecord } from '../pilots/pilot.model';
import { kpiProgress, latestMeasurement } from '../pilots/pilot.progress';
import { notFound } from '../shared/errors';
import { csvRow, type CsvValue } from './csv';
import { assertCanReport } from './reporting.policy';

export const EXPORT_KINDS = ['challenges', 'matches', 'pilots'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

type Names = Map<string, string>;
const nameOf = (names: Names, id: Types.ObjectId | null | undefined) => (id ? (names.get(id.toHexString()) ?? '') : '');

/** What one export writes: its header and, from a database cursor, one row per record. */
interface ExportDefinition<R> {
  header: string[];
  cursor: () => AsyncIterable<R>;
  row: (record: R, names: Names, now: Date) => CsvValue[];
}

const percent = (share: number | null) => (share === null ? '' : `${Math.round(share * 100)}%`);

function kpiSummary(pilot: PilotRecord): string {
  return pilot.kpis
    .map((kpi) => `${kpi.name}: ${kpi.baseline} → ${kpi.target} ${kpi.unit}, latest ${latestMeasurement(kpi)?.value ?? 'none'} (${percent(kpiProgress(kpi)) || 'unmeasured'})`)
    .join('; ');
}

const definitions: { [K in ExportKind]: ExportDefinition<K extends 'challenges' ? ChallengeRecord : K extends 'matches' ? MatchRecord : PilotRecord> } = {
  challenges: {
    header: ['id', 'title', 'public body', 'status', 'sectors', 'region', 'budget min (GBP)', 'budget max (GBP)', 'pilot length (weeks)', 'published at', 'response deadline', 'created at'],
    cursor: () => ChallengeModel.find({}).sort({ _id: 1 }).lean<ChallengeRecord[]>().cursor(),
    row: (challenge, names, now) => [
      challenge._id.toHexString(),
      challenge.title,
      nameOf(names, challenge.organisationId),
      effectiveStatus(challenge, now),
      challenge.sectors.join('; '),
      challenge.region,
      challenge.budgetMinGbp,
      challenge.budgetMaxGbp,
      challenge.pilotLengthWeeks,
      challenge.publishedAt,
      challenge.responseDeadline,
      challenge.createdAt,
    ],
  },
  matches: {
    header: ['id', 'challenge id', 'public body', 'solution id', 'start-up', 'source', 'status', 'score', 'rejection reason', 'declined by', 'created at', 'updated at'],
    // The explanation and history are what make match records large; the export reads neither.
    cursor: () => MatchModel.find({}).select({ explanation: 0, history: 0, staffNotes: 0 }).sort({ _id: 1 }).lean<MatchRecord[]>().cursor(),
    row: (match, names) => [
      match._id.toHexString(),
      match.challengeId.toHexString(),
      nameOf(names, match.challengeOrganisationId),
      match.solutionId.toHexString(),
      nameOf(names, match.solutionOrganisationId),
      match.source,
      match.status,
      Number(match.score.toFixed(4)),
      match.rejectionReason,
      match.declinedBy,
      match.createdAt,
      match.updatedAt,
    ],
  },
  pilots: {
    header: [
      'id',
      'match id',
      'challenge id',
      'public body',
      'solution id',
      'start-up',
      'status',
      'outcome',
      'contract value (GBP)',
      'contract starts',
      'contract ends',
      'stop reason',
      'cancel reason',
      'KPIs',
      'created at',
      'live at',
      'completed at',
    ],
    cursor: () => PilotModel.find({}).select({ history: 0, updates: 0 }).sort({ _id: 1 }).lean<PilotRecord[]>().cursor(),
    row: (pilot, names) => [
      pilot._id.toHexString(),
      pilot.matchId.toHexString(),
      pilot.challengeId.toHexString(),
      nameOf(names, pilot.challengeOrganisationId),
      pilot.solutionId.toHexString(),
      nameOf(names, pilot.solutionOrganisationId),
      pilot.status,
      pilot.outcome?.kind,
      pilot.outcome?.contractValueGbp,
      pilot.outcome?.contractStartsOn,
      pilot.outcome?.contractEndsOn,
      pilot.outcome?.stopReason,
      pilot.cancelReason,
      kpiSummary(pilot),
      pilot.createdAt,
      pilot.liveAt,
      pilot.completedAt,
    ],
  },
};

export function isExportKind(kind: string): kind is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(kind);
}

/**
 * One export as CSV lines, staff only, read from a database cursor so that memory stays flat
 * however many records there are. Organisation names are read once up front: organisations are
 * few beside the records that name them.
 */
export async function exportCsv(ctx: ServiceContext, kind: string): Promise<AsyncGenerator<string>> {
  assertCanReport(ctx.actor);
  if (!isExportKind(kind)) throw notFound('Export', kind);
  const definition = definitions[kind] as ExportDefinition<unknown>;
  const names: Names = new Map();
  for await (const organisation of OrganisationModel.find({}).select({ name: 1 }).lean().cursor()) names.set(organisation._id.toHexString(), organisation.name);
  return (async function* lines() {
    yield csvRow(definition.header);
    for await (const record of definition.cursor()) yield csvRow(definition.row(record, names, ctx.now));
  })();
}
