import { Schema, model } from 'mongoose';
import { isDuplicateKey } from '../db/duplicate-key';
import { trusted } from '../db/trusted';
import type { Logger } from '../shared/logger';

/**
 * Work the worker loop runs besides indexing, every `everyMs` (the challenge deadline sweeper;
 * matcher runs and notification delivery next). A pass must be safe to repeat: the lease below
 * keeps workers from running it side by side, but a pass that outlives its lease can overlap the next.
 */
export interface PeriodicJob {
  name: string;
  everyMs: number;
  /** One pass at `now`; returns how much it did, for the log. */
  run(now: Date): Promise<number>;
}

interface JobLease {
  _id: string;
  owner: string;
  until: Date;
}

/** One document per job: which worker holds the job's current period, and until when. */
const JobLeaseModel = model<JobLease>(
  'JobLease',
  new Schema<JobLease>({ _id: { type: String }, owner: { type: String, required: true }, until: { type: Date, required: true } }, { versionKey: false }),
  'job_leases',
);

/**
 * Takes the job's lease for one period if it is free or lapsed. The conditional upsert is atomic:
 * of several workers racing, one updates (or inserts) and the others match nothing and collide on
 * the _id, so exactly one runs the pass.
 */
async function claimPeriod(job: PeriodicJob, owner: string, now: Date): Promise<boolean> {
  try {
    const lease = await JobLeaseModel.findOneAndUpdate(
      { _id: job.name, until: trusted({ $lte: now }) },
      { $set: { owner, until: new Date(now.getTime() + job.everyMs) } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    return lease?.owner === owner;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/** The periodic jobs of one worker, each run when its period is due and this worker wins the lease. */
export class PeriodicJobs {
  private readonly nextRun = new Map<string, number>();

  constructor(
    private readonly jobs: readonly PeriodicJob[],
    private readonly owner: string,
    private readonly logger: Logger,
  ) {}

  /** Runs every job that is due; a failing job is logged and retried next period, never stopping the others. */
  async runDue(now = new Date()): Promise<void> {
    for (const job of this.jobs) {
      if (now.getTime() < (this.nextRun.get(job.name) ?? 0)) continue;
      this.nextRun.set(job.name, now.getTime() + job.everyMs);
      try {
        if (!(await claimPeriod(job, this.owner, now))) continue;
        const done = await job.run(now);
        if (done > 0) this.logger.info({ job: job.name, owner: this.owner, done }, 'periodic job ran');
      } catch (error) {
        this.logger.warn({ err: error, job: job.name, owner: this.owner }, 'periodic job failed; retrying next period');
      }
    }
  }
}
