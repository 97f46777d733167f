import { byIdLoader } from '../db/loaders';
import { ChallengeModel } from './challenge.model';
import { asOf } from './challenge.policy';

/**
 * Per-request batching for challenges: one query per tick however many challenges a page shows.
 * Records are as of the request's time (an expired OPEN reads as CLOSED) and nothing is written.
 * Visibility is checked by callers (challengePolicy.canSee).
 */
export function createChallengeLoaders(now: Date) {
  return { challengeById: byIdLoader(ChallengeModel, (record) => asOf(record, now)) };
}
