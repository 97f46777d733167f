import type { Accreditation, ChallengeStatus, SolutionStatus } from '../../gql/graphql';
import { ACCREDITATION_LABELS, formatDate } from '../../components/ui/labels';
import type { FailedRule } from '../../api/errors';

/** The facts the server judges a response on, as the challenge and solution pages already show them. */
export interface EligibilityFacts {
  challenge: { status: ChallengeStatus; responseDeadline: string; minTrl: number; requiredAccreditations: Accreditation[] };
  solution: { status: SolutionStatus; trl: number; evidence: { accreditation: { type: Accreditation; expiresAt: string } | null }[] };
  startupVerified: boolean;
  now: Date;
}

/** The latest expiry of each accreditation the solution has evidence of. */
function latestExpiries(evidence: EligibilityFacts['solution']['evidence']): Map<Accreditation, number> {
  const latest = new Map<Accreditation, number>();
  for (const { accreditation } of evidence) {
    if (!accreditation) continue;
    const expires = new Date(accreditation.expiresAt).getTime();
    latest.set(accreditation.type, Math.max(expires, latest.get(accreditation.type) ?? 0));
  }
  return latest;
}

/**
 * A preview of the server's eligibility rules (EligibilityRule in errors.graphql), so a start-up
 * sees what stands in its way before it writes a pitch. The server decides on submission and names
 * the same rules in `failedRules`. Accreditations must still be valid when the pilot can start,
 * that is once responses close.
 */
export function previewEligibility({ challenge, solution, startupVerified, now }: EligibilityFacts): FailedRule[] {
  const problems: FailedRule[] = [];
  const deadline = new Date(challenge.responseDeadline).getTime();
  if (deadline <= now.getTime()) {
    problems.push({ rule: 'DEADLINE_PASSED', message: `The response deadline passed on ${formatDate(challenge.responseDeadline)}.` });
  } else if (challenge.status !== 'OPEN') {
    problems.push({ rule: 'CHALLENGE_NOT_OPEN', message: 'This challenge is not open for responses.' });
  }
  if (!startupVerified) problems.push({ rule: 'STARTUP_NOT_VERIFIED', message: 'Your start-up must be verified by the accelerator team before it can respond.' });
  if (solution.status !== 'PUBLISHED') problems.push({ rule: 'SOLUTION_NOT_PUBLISHED', message: 'Publish this solution before responding with it.' });
  if (solution.trl < challenge.minTrl) {
    problems.push({ rule: 'MIN_TRL', message: `This solution is at TRL ${solution.trl}; the challenge needs TRL ${challenge.minTrl} or higher.` });
  }
  const pilotStart = Math.max(deadline, now.getTime());
  const expiries = latestExpiries(solution.evidence);
  const missing = challenge.requiredAccreditations.filter((type) => (expiries.get(type) ?? 0) <= pilotStart);
  if (missing.length > 0) {
    problems.push({
      rule: 'MISSING_ACCREDITATIONS',
      message: `Add evidence of ${missing.map((type) => ACCREDITATION_LABELS[type]).join(', ')} that is still valid on ${formatDate(new Date(pilotStart).toISOString())}, when the pilot can start.`,
      accreditations: missing,
    });
  }
  return problems;
}
