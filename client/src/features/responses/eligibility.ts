import type { Accreditation, ChallengeStatus, SolutionStatus } from '../../gql/graphql';
import { ACCREDITATION_LABELS, formatDate } from '../../components/ui/labels';
import type { FailedRule } from '../../app/errors';

/** The facts the server judges a response on, as the challenge and solution pages already show them. */
export interface EligibilityFacts {
  challenge: { status: ChallengeStatus; responseDeadline: string; minTrl: number; requiredAccreditations: Accreditation[] };
  solution: { status: SolutionStatus; trl: number; validAccreditations: Accreditation[] };
  startupVerified: boolean;
  now: Date;
}

/**
 * A preview of the server's eligibility rules, so a start-up sees what stands in its way before it
 * writes a pitch. The server decides on submission and names the same rules in `failedRules`.
 */
export function previewEligibility({ challenge, solution, startupVerified, now }: EligibilityFacts): FailedRule[] {
  const problems: FailedRule[] = [];
  if (new Date(challenge.responseDeadline).getTime() <= now.getTime()) {
    problems.push({ rule: 'DEADLINE_PASSED', message: `The response deadline passed on ${formatDate(challenge.responseDeadline)}.` });
  } else if (challenge.status !== 'OPEN') {
    problems.push({ rule: 'CHALLENGE_NOT_OPEN', message: 'This challenge is not open for responses.' });
  }
  if (!startupVerified) problems.push({ rule: 'STARTUP_NOT_VERIFIED', message: 'Your start-up must be verified by the accelerator team before it can respond.' });
  if (solution.status !== 'PUBLISHED') problems.push({ rule: 'SOLUTION_NOT_PUBLISHED', message: 'Publish this solution before responding with it.' });
  if (solution.trl < challenge.minTrl) {
    problems.push({ rule: 'MIN_TRL', message: `This solution is at TRL ${solution.trl}; the challenge needs TRL ${challenge.minTrl} or higher.` });
  }
  const held = new Set(solution.validAccreditations);
  const missing = challenge.requiredAccreditations.filter((accreditation) => !held.has(accreditation));
  if (missing.length > 0) {
    problems.push({
      rule: 'MISSING_ACCREDITATIONS',
      message: `Add in-date evidence of ${missing.map((a) => ACCREDITATION_LABELS[a]).join(', ')} to this solution.`,
      accreditations: missing,
    });
  }
  return problems;
}
