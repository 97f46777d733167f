import { systemContext, type ServiceCollaborators } from './context/service-context';
import type { PeriodicJob } from './search-sync/periodic-jobs';
import { EventDispatcher, type DispatcherOptions, type EventConsumer } from './events/event-dispatcher';
import { deadlineSweeper } from './challenges/challenge.sweeper';
import { overdueMilestoneSweeper } from './pilots/pilot.sweeper';
import { notificationEventConsumer, notificationJobs } from './notifications/notification.worker';
import { matcherEventConsumer } from './matching/match-events';
import { pilotOutcomeConsumer } from './pilots/pilot-events';
import { challengeRollupJob, reportingRollupConsumer } from './reporting/challenge-rollup';
import { eventSources } from './event-sources';

/**
 * The periodic jobs every worker loop runs (in-process with the embedded engine, in `npm run
 * indexer` with Meilisearch), each acting as the platform through the ordinary services.
 */
export function workerJobs(collaborators: ServiceCollaborators): PeriodicJob[] {
  const platformAt = (now: Date) => systemContext(collaborators, now);
  return [deadlineSweeper(platformAt), overdueMilestoneSweeper(platformAt), ...notificationJobs(platformAt), challengeRollupJob()];
}

/**
 * The production consumers of domain events, each reacting after the write, never inside it.
 * Add a feature's consumer here; every worker loop runs them all.
 */
export function workerConsumers(collaborators: ServiceCollaborators): EventConsumer[] {
  return [matcherEventConsumer(collaborators), notificationEventConsumer(collaborators), pilotOutcomeConsumer(collaborators), reportingRollupConsumer()];
}

/**
 * The domain-event dispatcher a worker loop runs beside the search indexer (in-process, and in
 * `npm run indexer`); several may run at once, leases keep them apart.
 */
export function workerEventDispatcher(collaborators: ServiceCollaborators, options: Omit<DispatcherOptions, 'logger'> = {}): EventDispatcher {
  return new EventDispatcher(eventSources, workerConsumers(collaborators), { logger: collaborators.logger, ...options });
}
