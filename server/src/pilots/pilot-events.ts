import { systemContext, type ServiceCollaborators } from '../context/service-context';
import type { EventConsumer } from '../events/event-dispatcher';
import { ChallengeModel } from '../challenges/challenge.model';
import { suggestMatches } from '../matching/match.service';
import { AppError } from '../shared/errors';
import { PilotModel } from './pilot.model';
import { refreshTrackRecord } from './pilot-track-record';
import { similarOpenChallengesAtOtherBodies } from './similar-challenges';

/** How many other bodies' open challenges an adopted solution is offered to. */
const CHALLENGES_PER_ADOPTION = 5;

/**
 * What a completed pilot changes elsewhere, run by the event dispatcher rather than inside the
 * completing write: the solution's track record is rewritten from all its completed pilots (so the
 * matcher's track-record feature reads it), and an ADOPTED pilot has the matcher run for the open
 * challenges of other bodies most like the original, with the adopted solution scored whether
 * or not retrieval finds it. Both are idempotent, so a redelivered event only repeats them.
 */
export function pilotOutcomeConsumer(collaborators: ServiceCollaborators): EventConsumer {
  return {
    name: 'pilot-outcomes',
    // It runs the matcher, so it waits with the matcher's work rather than ahead of notifications.
    lane: 'background',
    async handle(event) {
      if (event.name !== 'pilot.COMPLETE') return;
      const ctx = systemContext(collaborators);
      const pilot = await PilotModel.findById(event.recordId).select({ solutionId: 1, challengeId: 1, outcome: 1 }).lean();
      if (!pilot) return;
      await refreshTrackRecord(ctx, pilot.solutionId);
      if (pilot.outcome?.kind !== 'ADOPTED') return;
      const original = await ChallengeModel.findById(pilot.challengeId).lean();
      if (!original) return;
      for (const challenge of await similarOpenChallengesAtOtherBodies(ctx, original, CHALLENGES_PER_ADOPTION)) {
        try {
          await suggestMatches(ctx, { challengeId: challenge._id.toHexString() }, { alsoScore: [pilot.solutionId.toHexString()] });
        } catch (error) {
          // A challenge that closed since has nothing to suggest; anything else is retried.
          if (!(error instanceof AppError && (error.code === 'NOT_ELIGIBLE' || error.code === 'NOT_FOUND'))) throw error;
        }
      }
    },
  };
}
