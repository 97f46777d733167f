import { systemContext, type ServiceCollaborators } from './context/service-context';
import type { PeriodicJob } from './search-sync/periodic-jobs';
import { deadlineSweeper } from './challenges/challenge.sweeper';

/**
 * The periodic jobs every worker loop runs (in-process with the embedded engine, in `npm run
 * indexer` with Meilisearch), each acting as the platform through the ordinary services.
 */
export function workerJobs(collaborators: ServiceCollaborators): PeriodicJob[] {
  return [deadlineSweeper((now) => systemContext(collaborators, now))];
}
