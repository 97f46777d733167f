import type { Accreditation } from '../contract/generated/resolvers-types';
import type { ChallengeRecord } from '../challenges/challenge.model';
import { isOpenForResponses } from '../challenges/challenge.policy';
import type { SolutionRecord } from '../solutions/solution.model';
import { validAccreditations } from '../solutions/solution.policy';

/** One rule a response failed, named so the start-up knows exactly what to fix. */
export interface FailedRule {
  rule: 'CHALLENGE_NOT_OPEN' | 'DEADLINE_PASSED' | 'STARTUP_NOT_VERIFIED' | 'SOLUTION_NOT_PUBLISHED' | 'MIN_TRL' | 'MISSING_ACCREDITATIONS';
  message: string;
  /** For MISSING_ACCREDITATIONS: exactly the required accreditations not held, or held but expired. */
  accreditations?: Accreditation[];
}

type ChallengeFacts = Pick<ChallengeRecord, 'status' | 'responseDeadline' | 'minTrl' | 'requiredAccreditations'>;

/** What eligibility is judged on: the challenge, the solution, and whether the start-up is verified. */
export interface EligibilityFacts {
  challenge: ChallengeFacts;
  solution: Pick<SolutionRecord, 'status' | 'trl' | 'evidence'>;
  startupVerified: boolean;
  now: Date;
}

/**
 * The challenge's side alone: empty while it takes responses. Also gates edits to a submitted
 * response, so that every start-up's offer is fixed at the same moment, the deadline.
 */
export function challengeWindowRules(challenge: Pick<ChallengeRecord, 'status' | 'responseDeadline'>, now: Date): FailedRule[] {
  if (isOpenForResponses(challenge, now)) return [];
  // A passed deadline is the more useful reason: the lazy close may not have run on this record yet.
  return challenge.responseDeadline.getTime() <= now.getTime()
    ? [{ rule: 'DEADLINE_PASSED', message: `The response deadline passed on ${challenge.responseDeadline.toISOString()}.` }]
    : [{ rule: 'CHALLENGE_NOT_OPEN', message: `The challenge is ${challenge.status}, not OPEN.` }];
}

/** Every rule the response fails, in the order a start-up would fix them; empty when eligible. */
export function failedEligibilityRules({ challenge, solution, startupVerified, now }: EligibilityFacts): FailedRule[] {
  const failed = challengeWindowRules(challenge, now);
  if (!startupVerified) {
    failed.push({ rule: 'STARTUP_NOT_VERIFIED', message: 'Your start-up must be verified by staff before it can respond.' });
  }
  if (solution.status !== 'PUBLISHED') {
    failed.push({ rule: 'SOLUTION_NOT_PUBLISHED', message: `The solution is ${solution.status}; only published solutions can respond.` });
  }
  if (solution.trl < challenge.minTrl) {
    failed.push({ rule: 'MIN_TRL', message: `The solution is TRL ${solution.trl}; this challenge needs TRL ${challenge.minTrl} or higher.` });
  }
  const held = new Set<Accreditation>(validAccreditations(solution, now));
  const missing = challenge.requiredAccreditations.filter((accreditation) => !held.has(accreditation));
  if (missing.length > 0) {
    failed.push({
      rule: 'MISSING_ACCREDITATIONS',
      message: `Missing or expired accreditations this challenge requires: ${missing.join(', ')}.`,
      accreditations: missing,
    });
  }
  return failed;
}
