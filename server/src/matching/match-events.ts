import { systemContext, type ServiceCollaborators } from '../context/service-context';
import type { EventConsumer, RecordedEvent } from '../events/event-dispatcher';
import { AppError } from '../shared/errors';
import { challengesFitting, suggestMatches } from './match.service';

/** How many open challenges a newly published or edited solution is tried against. */
const CHALLENGES_PER_SOLUTION = 5;

const solutionNowPublished = (event: RecordedEvent) =>
  event.entity === 'solution' && (event.name === 'solution.PUBLISH' || (event.name === 'solution.UPDATE' && event.to === 'PUBLISHED'));
const challengeNowOpen = (event: RecordedEvent) =>
  event.entity === 'challenge' && (event.name === 'challenge.PUBLISH' || (event.name === 'challenge.UPDATE' && event.to === 'OPEN'));

/**
 * The matcher's reaction to domain events, run by the worker loop's event dispatcher (never inline
 * in the write): a published challenge gets its suggestions; a published or edited solution is
 * suggested to the open challenges it fits best. Each run touches one challenge's matches, nothing
 * recomputes the world, and a redelivered event only re-runs an idempotent suggestion.
 */
export function matcherEventConsumer(collaborators: ServiceCollaborators): EventConsumer {
  return {
    name: 'matcher',
    // A run per event takes long enough that a backlog (a fresh server's demo data) would hold up notifications.
    lane: 'background',
    async handle(event) {
      const ctx = systemContext(collaborators);
      const solutionId = solutionNowPublished(event) ? event.recordId : undefined;
      const challengeIds = challengeNowOpen(event) ? [event.recordId] : solutionId ? await challengesFitting(ctx, solutionId, CHALLENGES_PER_SOLUTION) : [];
      for (const challengeId of challengeIds) {
        try {
          // The solution is scored even if the search index has not caught up with it yet.
          await suggestMatches(ctx, { challengeId }, { alsoScore: solutionId ? [solutionId] : [] });
        } catch (error) {
          // A challenge that closed or was withdrawn since has nothing to suggest; anything else is retried.
          if (!(error instanceof AppError && (error.code === 'NOT_ELIGIBLE' || error.code === 'NOT_FOUND'))) throw error;
        }
      }
    },
  };
}
