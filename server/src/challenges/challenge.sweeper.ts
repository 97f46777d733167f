import type { ServiceContext } from '../context/service-context';
import type { PeriodicJob } from '../search-sync/periodic-jobs';
import { closeExpiredChallenges } from './challenge.service';

/** How often the platform stores deadline closes; readers see them at once regardless (effectiveStatus). */
export const DEADLINE_SWEEP_EVERY_MS = 30_000;

/**
 * The deadline sweeper as a worker-loop job: each pass acts as the platform (`platformAt(now)` is
 * a system context) and closes, batch by batch, every challenge whose deadline has passed.
 */
export function deadlineSweeper(platformAt: (now: Date) => ServiceContext, everyMs = DEADLINE_SWEEP_EVERY_MS): PeriodicJob {
  return {
    name: 'challenge-deadline-sweep',
    everyMs,
    async run(now) {
      let total = 0;
      for (;;) {
        const closed = await closeExpiredChallenges(platformAt(now));
        total += closed;
        if (closed === 0) return total;
      }
    },
  };
}
