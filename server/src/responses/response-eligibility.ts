import type { Accreditation } from '../graphql/generated/resolvers-types';
import type { ChallengeRecord } from '../challenges/challenge.model';
import type { SolutionRecord } from '../solutions/solution.model';
import { validAccreditations } from '../solutions/solution.policy';

/** One rule a response failed, named so the start-up knows exactly what to fix. */
export interface FailedRule {
  rule: 'CHALLENGE_NOT_OPEN' | 'DEADLINE_PASSED' | 'STARTUP_NOT_VERIFIED' | 'SOLUTION_NOT_PUBLISHED' | 'MIN_TRL' | 'MISSING_ACCREDITATIONS';
  message: string;
}

/** What eligibility is judged on: the challenge, the solution, and whether the start-up is verified. */
export interface EligibilityFacts {
  challenge: Pick<ChallengeRecord, 'status' | 'responseDeadline' | 'minTrl' | 'requiredAccreditations'>;
  solution: Pick<SolutionRecord, 'status' | 'trl' | 'evidence'>;
  startupVerified: boolean;
  now: Date;
}

/** Every rule the response fails, in the order a start-up would fix them; empty when eligible. */
export function failedEligibilityRules({ challenge, solution, startupVerified, now }: EligibilityFacts): FailedRule[] {
  const failed: FailedRule[] = [];
  if (challenge.responseDeadline.getTime() <= now.getTime()) {
    failed.push({ rule: 'DEADLINE_PASSED', message: `The response deadline passed on ${challenge.responseDeadline.toISOString()}.` });
  } else if (challenge.status !== 'OPEN') {
    failed.push({ rule: 'CHALLENGE_NOT_OPEN', message: `The challenge is ${challenge.status}, not OPEN.` });
  }
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
    });
  }
  return failed;
}
