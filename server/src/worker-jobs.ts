import { systemContext, type ServiceCollaborators } from './context/service-context';
import type { PeriodicJob } from './search-sync/periodic-jobs';
import { deadlineSweeper } from './challenges/challenge.sweeper';
import { overdueMilestoneSweeper } from './pilots/pilot.sweeper';
import { notificationJobs } from './notifications/notification.worker';

/**
 * The periodic jobs every worker loop runs (in-process with the embedded engine, in `npm run
 * indexer` with Meilisearch), each acting as the platform through the ordinary services.
 */
export function workerJobs(collaborators: ServiceCollaborators): PeriodicJob[] {
  const platformAt = (now: Date) => systemContext(collaborators, now);
  return [deadlineSweeper(platformAt), overdueMilestoneSweeper(platformAt), ...notificationJobs(platformAt)];
}
