import type { Accreditation, EligibilityRule, Region } from '../contract/generated/resolvers-types';
import { AppError } from '../shared/errors';
import type { SolutionRecord } from '../solutions/solution.model';
import type { ChallengeRecord } from './challenge.model';
import { deadlinePassed, isOpenForResponses } from './challenge.policy';

/**
 * What a challenge asks of a solution, in one place for everyone who decides "does this solution
 * qualify": responses refuse a submission on it, the matcher filters its candidates on it and tells
 * a near-miss why not. Fields a record does not carry (a benchmark record without a TRL, say) are
 * not held against it: only a stated requirement can fail.
 */

/** The name of one rule, declared in graphql/errors.graphql (responses expose it as `extensions.failedRules[].rule`). */
export type { EligibilityRule };

/** One rule a solution failed, named so the start-up knows exactly what to fix. */
export interface FailedRule {
  rule: EligibilityRule;
  message: string;
  /** For MISSING_ACCREDITATIONS: exactly the required accreditations not held, expired, or lapsing before the pilot starts. */
  accreditations?: Accreditation[];
}

/** One rule judged for one pair: the matcher shows the passed ones as reasons and the failed ones as "why not". */
export interface RequirementCheck {
  rule: EligibilityRule;
  passed: boolean;
  message: string;
  accreditations?: Accreditation[];
  /** For a failed MISSING_ACCREDITATIONS: one "why not" per accreditation, e.g. "needs DSPT; yours expired on 3 March 2026". */
  details?: string[];
}

/** An organisation's id as either side holds it: an ObjectId in the database, a key in a benchmark record. */
type OrganisationRef = { toString(): string };

/** The challenge's side of the requirements. */
export type ChallengeRequirements = Partial<Pick<ChallengeRecord, 'status' | 'responseDeadline' | 'minTrl' | 'requiredAccreditations' | 'region'>> & {
  organisationId?: OrganisationRef;
};

/** The solution's side: what it is, what it holds and where it works. */
export type SolutionQualifications = Partial<Pick<SolutionRecord, 'status' | 'trl' | 'evidence' | 'regionsServed'>> & {
  organisationId?: OrganisationRef;
};

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const formatDate = (date: Date) => DATE.format(date);

/**
 * The earliest a pilot can start: once responses close. An accreditation must still be valid then,
 * or the public body would contract a supplier whose assurance lapses before work begins.
 */
export function pilotStartOf(challenge: Pick<ChallengeRequirements, 'responseDeadline'>, now: Date): Date {
  const deadline = challenge.responseDeadline;
  return deadline && deadline.getTime() > now.getTime() ? deadline : now;
}

const isLapsedBy = (expiresAt: Date, moment: Date) => expiresAt.getTime() <= moment.getTime();

/** Refuses with NOT_ELIGIBLE, listing every failed rule in the message and in `failedRules`. */
export function notEligible(failedRules: FailedRule[]): AppError {
  return new AppError('NOT_ELIGIBLE', failedRules.map((failed) => failed.message).join(' '), { failedRules });
}

/** The challenge's side alone: empty while it takes responses. */
export function challengeWindowRules(challenge: Pick<ChallengeRecord, 'status' | 'responseDeadline'>, now: Date): FailedRule[] {
  if (isOpenForResponses(challenge, now)) return [];
  // A passed deadline is the more useful reason than the CLOSED it leads to.
  return deadlinePassed(challenge, now)
    ? [{ rule: 'DEADLINE_PASSED', message: `The response deadline passed on ${challenge.responseDeadline.toISOString()}.` }]
    : [{ rule: 'CHALLENGE_NOT_OPEN', message: `The challenge is ${challenge.status}, not OPEN.` }];
}

function publishedCheck(solution: SolutionQualifications): RequirementCheck {
  const passed = solution.status === undefined || solution.status === 'PUBLISHED';
  return {
    rule: 'SOLUTION_NOT_PUBLISHED',
    passed,
    message: passed ? 'The solution is published.' : `The solution is ${solution.status}; only published solutions can respond.`,
  };
}

function trlCheck(challenge: ChallengeRequirements, solution: SolutionQualifications): RequirementCheck {
  const { minTrl } = challenge;
  const { trl } = solution;
  if (minTrl === undefined || trl === undefined) return { rule: 'MIN_TRL', passed: true, message: 'No TRL requirement applies.' };
  return trl >= minTrl
    ? { rule: 'MIN_TRL', passed: true, message: `TRL ${trl} meets the minimum of TRL ${minTrl}.` }
    : { rule: 'MIN_TRL', passed: false, message: `The solution is TRL ${trl}; this challenge needs TRL ${minTrl} or higher.` };
}

/** Why one required accreditation does not count: never held, already lapsed, or lapsing before the pilot. */
function accreditationShortfall(type: Accreditation, expiries: Date[], now: Date, pilotStart: Date): string | undefined {
  if (expiries.length === 0) return `needs ${type}; none is on record`;
  const latest = new Date(Math.max(...expiries.map((date) => date.getTime())));
  if (isLapsedBy(latest, now)) return `needs ${type}; yours expired on ${formatDate(latest)}`;
  if (isLapsedBy(latest, pilotStart)) return `needs ${type}; yours expires on ${formatDate(latest)}, before the pilot can start on ${formatDate(pilotStart)}`;
  return undefined;
}

function accreditationsCheck(challenge: ChallengeRequirements, solution: SolutionQualifications, now: Date): RequirementCheck {
  const required = challenge.requiredAccreditations ?? [];
  if (required.length === 0) return { rule: 'MISSING_ACCREDITATIONS', passed: true, message: 'No accreditations are required.' };
  const pilotStart = pilotStartOf(challenge, now);
  const expiriesOf = (type: Accreditation) =>
    (solution.evidence ?? []).flatMap((item) =>
      item.kind === 'ACCREDITATION' && item.accreditation?.type === type ? [item.accreditation.expiresAt] : [],
    );
  const shortfalls = required.flatMap((type) => {
    const why = accreditationShortfall(type, expiriesOf(type), now, pilotStart);
    return why ? [{ type, why }] : [];
  });
  if (shortfalls.length === 0) {
    return { rule: 'MISSING_ACCREDITATIONS', passed: true, message: `Holds ${required.join(', ')}, valid when the pilot can start.` };
  }
  // A plain list keeps the message a start-up fixes against short; the details say which lapse when.
  const lapsing = shortfalls.filter(({ why }) => why.includes('before the pilot')).map(({ type }) => type);
  return {
    rule: 'MISSING_ACCREDITATIONS',
    passed: false,
    message:
      `Missing or expired accreditations this challenge requires: ${shortfalls.map(({ type }) => type).join(', ')}` +
      (lapsing.length > 0 ? ` (${lapsing.join(', ')} lapsing before the pilot can start on ${formatDate(pilotStart)}).` : '.'),
    accreditations: shortfalls.map(({ type }) => type),
    details: shortfalls.map(({ why }) => why),
  };
}

/** Regions a solution covers for a challenge in `region`: that region itself, or all of the UK. */
export function servesRegion(regionsServed: readonly Region[], region: Region): boolean {
  return region === 'UK_WIDE' ? regionsServed.length > 0 : regionsServed.includes(region) || regionsServed.includes('UK_WIDE');
}

function regionCheck(challenge: ChallengeRequirements, solution: SolutionQualifications): RequirementCheck {
  const { region } = challenge;
  const { regionsServed } = solution;
  if (region === undefined || regionsServed === undefined || regionsServed.length === 0) {
    return { rule: 'REGION_NOT_SERVED', passed: true, message: 'No region requirement applies.' };
  }
  return servesRegion(regionsServed, region)
    ? { rule: 'REGION_NOT_SERVED', passed: true, message: `Serves ${region}.` }
    : { rule: 'REGION_NOT_SERVED', passed: false, message: `The challenge is in ${region}; the solution serves ${regionsServed.join(', ')}.` };
}

function otherOrganisationCheck(challenge: ChallengeRequirements, solution: SolutionQualifications): RequirementCheck {
  const same = challenge.organisationId !== undefined && solution.organisationId !== undefined && challenge.organisationId.toString() === solution.organisationId.toString();
  return same
    ? { rule: 'OWN_ORGANISATION', passed: false, message: "The solution belongs to the challenge's own organisation." }
    : { rule: 'OWN_ORGANISATION', passed: true, message: 'Comes from another organisation.' };
}

/**
 * Every requirement the matcher holds a pair to, passed or not, in the order a start-up would fix
 * them: published, TRL, accreditations valid at the pilot start, region served, not the challenge's
 * own organisation.
 */
export function requirementChecks(challenge: ChallengeRequirements, solution: SolutionQualifications, now: Date): RequirementCheck[] {
  return [
    publishedCheck(solution),
    trlCheck(challenge, solution),
    accreditationsCheck(challenge, solution, now),
    regionCheck(challenge, solution),
    otherOrganisationCheck(challenge, solution),
  ];
}

const asFailedRule = ({ rule, message, accreditations }: RequirementCheck): FailedRule =>
  accreditations ? { rule, message, accreditations } : { rule, message };

/** What eligibility to respond is judged on: the challenge, the solution, and whether the start-up is verified. */
export interface ResponseEligibilityFacts {
  challenge: Pick<ChallengeRecord, 'status' | 'responseDeadline' | 'minTrl' | 'requiredAccreditations'>;
  solution: Pick<SolutionRecord, 'status' | 'trl' | 'evidence'>;
  startupVerified: boolean;
  now: Date;
}

/**
 * Every rule a response fails, in the order a start-up would fix them; empty when eligible. A
 * start-up may respond outside the regions it lists (it may be expanding), so region is the
 * matcher's filter, not a bar to responding.
 */
export function failedResponseRules({ challenge, solution, startupVerified, now }: ResponseEligibilityFacts): FailedRule[] {
  const failed = challengeWindowRules(challenge, now);
  if (!startupVerified) {
    failed.push({ rule: 'STARTUP_NOT_VERIFIED', message: 'Your start-up must be verified by staff before it can respond.' });
  }
  const solutionSide = [publishedCheck(solution), trlCheck(challenge, solution), accreditationsCheck(challenge, solution, now)];
  return [...failed, ...solutionSide.filter((check) => !check.passed).map(asFailedRule)];
}
