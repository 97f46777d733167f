import { describe, expect, it } from 'vitest';
import { previewEligibility, type EligibilityFacts } from './eligibility';

const now = new Date('2027-01-10T12:00:00Z');
const facts = (changes: { challenge?: Partial<EligibilityFacts['challenge']>; solution?: Partial<EligibilityFacts['solution']>; startupVerified?: boolean }): EligibilityFacts => ({
  challenge: { status: 'OPEN', responseDeadline: '2027-02-01T17:00:00Z', minTrl: 6, requiredAccreditations: ['DSPT'], ...changes.challenge },
  solution: {
    status: 'PUBLISHED',
    trl: 7,
    evidence: [{ accreditation: { type: 'DSPT', expiresAt: '2028-01-01T00:00:00Z' } }, { accreditation: null }],
    ...changes.solution,
  },
  startupVerified: changes.startupVerified ?? true,
  now,
});

describe('previewEligibility', () => {
  it('finds nothing in the way of an eligible solution', () => {
    expect(previewEligibility(facts({}))).toEqual([]);
  });

  it('names every rule a solution fails, in the order a start-up would fix them', () => {
    const problems = previewEligibility(
      facts({ challenge: { responseDeadline: '2027-01-01T17:00:00Z' }, solution: { status: 'DRAFT', trl: 4, evidence: [] }, startupVerified: false }),
    );
    expect(problems.map((problem) => problem.rule)).toEqual(['DEADLINE_PASSED', 'STARTUP_NOT_VERIFIED', 'SOLUTION_NOT_PUBLISHED', 'MIN_TRL', 'MISSING_ACCREDITATIONS']);
    expect(problems.find((problem) => problem.rule === 'MIN_TRL')?.message).toContain('TRL 4');
    expect(problems.find((problem) => problem.rule === 'MISSING_ACCREDITATIONS')?.accreditations).toEqual(['DSPT']);
  });

  it('counts an accreditation only if it is still valid when the pilot can start, after the deadline', () => {
    const lapsing = facts({ solution: { evidence: [{ accreditation: { type: 'DSPT', expiresAt: '2027-01-20T00:00:00Z' } }] } });
    expect(previewEligibility(lapsing).map((problem) => problem.rule)).toEqual(['MISSING_ACCREDITATIONS']);
  });

  it('reports a challenge that is not open when its deadline is still ahead', () => {
    expect(previewEligibility(facts({ challenge: { status: 'CLOSED' } })).map((problem) => problem.rule)).toEqual(['CHALLENGE_NOT_OPEN']);
  });
});
