import type { Types } from 'mongoose';
import type { ServiceContext } from '../context/service-context';
import type { PublicBodyType } from '../contract/generated/resolvers-types';
import { trusted } from '../db/trusted';
import { OrganisationModel } from '../organisations/organisation.model';
import type { SolutionTrackRecordRecord } from '../solutions/solution.model';
import { recordTrackRecord } from '../solutions/solution.service';
import { median } from '../shared/statistics';
import { PilotModel, type PilotRecord } from './pilot.model';
import { kpiProgress } from './pilot.progress';

type CompletedPilot = Pick<PilotRecord, 'challengeOrganisationId' | 'outcome' | 'kpis'>;

/** A solution's evidence from all its completed pilots: outcomes, adopting bodies by type, and the median KPI achievement. */
export function trackRecordOf(pilots: CompletedPilot[], bodyTypeOf: (organisationId: Types.ObjectId) => PublicBodyType, now: Date): SolutionTrackRecordRecord {
  const outcomes = (kind: string) => pilots.filter((pilot) => pilot.outcome?.kind === kind);
  const adopters = new Map<string, PublicBodyType>();
  for (const pilot of outcomes('ADOPTED')) adopters.set(pilot.challengeOrganisationId.toHexString(), bodyTypeOf(pilot.challengeOrganisationId));
  const byType = new Map<PublicBodyType, number>();
  for (const type of adopters.values()) byType.set(type, (byType.get(type) ?? 0) + 1);
  const achievements = pilots.flatMap((pilot) => pilot.kpis.map(kpiProgress).filter((progress): progress is number => progress !== null));
  return {
    completedPilots: pilots.length,
    adopted: outcomes('ADOPTED').length,
    extended: outcomes('EXTENDED').length,
    stopped: outcomes('STOPPED').length,
    adoptedBy: [...byType].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([publicBodyType, organisations]) => ({ publicBodyType, organisations })),
    medianKpiAchievement: median(achievements),
    updatedAt: now,
  };
}

/** Rewrites the solution's track record from its completed pilots: idempotent, so a redelivered event changes nothing. */
export async function refreshTrackRecord(ctx: ServiceContext, solutionId: Types.ObjectId): Promise<SolutionTrackRecordRecord> {
  const pilots = await PilotModel.find({ solutionId, status: 'COMPLETED' }).select({ challengeOrganisationId: 1, outcome: 1, kpis: 1 }).lean<CompletedPilot[]>();
  const bodies = await OrganisationModel.find({ _id: trusted({ $in: pilots.map((pilot) => pilot.challengeOrganisationId) }) })
    .select({ publicBodyType: 1 })
    .lean();
  const types = new Map(bodies.map((body) => [body._id.toHexString(), body.publicBodyType ?? undefined]));
  const trackRecord = trackRecordOf(pilots, (id) => types.get(id.toHexString()) ?? 'OTHER', ctx.now);
  await recordTrackRecord(ctx, solutionId.toHexString(), trackRecord);
  return trackRecord;
}
