import { trusted } from '../db/trusted';
import { eventUpdate } from '../db/domain-events';
import type { ServiceContext } from '../context/service-context';
import type { PeriodicJob } from '../search-sync/periodic-jobs';
import { isSystem } from '../shared/actor';
import { forbidden } from '../shared/errors';
import type { PilotStatus } from '../contract/generated/resolvers-types';
import { PilotModel, type PilotRecord } from './pilot.model';
import { isOverdue } from './pilot.progress';

/** How often the platform looks for milestones that fell overdue. Queries flag them at once regardless (isOverdue). */
export const OVERDUE_SWEEP_EVERY_MS = 60_000;

/** Pilots whose milestones still matter: a finished or cancelled pilot's missed milestones notify no one. */
const ACTIVE_STATUSES: PilotStatus[] = ['PLANNING', 'LIVE', 'EVALUATING'];

/**
 * Records one `pilot.MILESTONE_OVERDUE` event per milestone that is past due and not done, in the
 * same write that stamps the milestone `overdueRecordedAt`: the stamp is what makes it once per
 * milestone, however many sweepers race or repeat. Returns how many it recorded; a pilot that
 * changed meanwhile is left for the next pass.
 */
export async function recordOverdueMilestones(ctx: ServiceContext, limit = 100): Promise<number> {
  if (!isSystem(ctx.actor)) throw forbidden('Only the platform sweeps overdue milestones.');
  const pilots = await PilotModel.find({
    status: trusted({ $in: ACTIVE_STATUSES }),
    milestones: trusted({ $elemMatch: { dueOn: trusted({ $lt: ctx.now }), doneOn: null, overdueRecordedAt: null } }),
  })
    .limit(limit)
    .lean();
  let recorded = 0;
  for (const pilot of pilots) recorded += await recordOverdueOf(ctx, pilot);
  return recorded;
}

async function recordOverdueOf(ctx: ServiceContext, pilot: PilotRecord): Promise<number> {
  let version = pilot.version;
  let recorded = 0;
  for (const [index, milestone] of pilot.milestones.entries()) {
    if (!isOverdue(milestone, ctx.now) || milestone.overdueRecordedAt) continue;
    // Milestones are only ever appended, so the position read stays this milestone's (as in completePilotMilestone).
    const at = `milestones.${index}`;
    const event = eventUpdate({ name: 'pilot.MILESTONE_OVERDUE', at: ctx.now, from: pilot.status, to: pilot.status, subject: milestone._id.toHexString() }, version + 1);
    const saved = await PilotModel.updateOne(
      { _id: pilot._id, status: pilot.status, version, [`${at}._id`]: milestone._id, [`${at}.doneOn`]: null, [`${at}.overdueRecordedAt`]: null },
      { $set: { [`${at}.overdueRecordedAt`]: ctx.now, ...event.$set }, $push: event.$push, $inc: { version: 1 } },
    );
    if (saved.modifiedCount === 0) break;
    version += 1;
    recorded += 1;
  }
  return recorded;
}

/** The overdue sweep as a worker-loop job, acting as the platform at each pass's `now`. */
export function overdueMilestoneSweeper(platformAt: (now: Date) => ServiceContext, everyMs = OVERDUE_SWEEP_EVERY_MS): PeriodicJob {
  return {
    name: 'pilot-overdue-milestone-sweep',
    everyMs,
    async run(now) {
      let total = 0;
      for (;;) {
        const recorded = await recordOverdueMilestones(platformAt(now));
        total += recorded;
        if (recorded === 0) return total;
      }
    },
  };
}
