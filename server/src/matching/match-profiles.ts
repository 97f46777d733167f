import type { ChallengeRecord } from '../challenges/challenge.model';
import type { SolutionRecord } from '../solutions/solution.model';
import { labelTerms, profileText } from '../search/lexical-relevance';
import type { MatchChallenge, MatchSolution } from './match-scoring';

/**
 * A challenge's words as the matcher reads them: everything it says about the need, and its tags.
 * The title counts twice, as the search index weighs it (measured better on SciFact: 0.688 against 0.671).
 */
export function challengeText(challenge: Pick<ChallengeRecord, 'title' | 'summary' | 'what' | 'why' | 'how' | 'tags'>): string[] {
  return [challenge.title, challenge.title, challenge.summary, challenge.what, challenge.why, challenge.how, challenge.tags.join(' ')];
}

/** What the challenge's vector query is embedded from: the need in its own words, and its tags. */
export function challengeVectorText(challenge: Pick<ChallengeRecord, 'title' | 'what' | 'why' | 'how' | 'tags'>): string {
  return [challenge.title, challenge.what, challenge.why, challenge.how, challenge.tags.join(', ')].filter(Boolean).join('\n');
}

/** A solution's words: what it is and does, its name counting twice. */
export function solutionText(solution: Pick<SolutionRecord, 'name' | 'summary' | 'description' | 'capabilities' | 'tags'>): string[] {
  return [solution.name, solution.name, solution.summary, solution.description, solution.capabilities.join('. '), solution.tags.join(' ')];
}

export function matchChallengeOf(challenge: ChallengeRecord, vector?: ArrayLike<number>): MatchChallenge {
  return {
    id: challenge._id.toHexString(),
    text: profileText(challengeText(challenge)),
    status: challenge.status,
    responseDeadline: challenge.responseDeadline,
    minTrl: challenge.minTrl,
    requiredAccreditations: challenge.requiredAccreditations,
    region: challenge.region,
    organisationId: challenge.organisationId,
    sectors: challenge.sectors,
    tagTerms: labelTerms(challenge.tags),
    budgetMinGbp: challenge.budgetMinGbp,
    budgetMaxGbp: challenge.budgetMaxGbp,
    vector,
  };
}

export function matchSolutionOf(solution: SolutionRecord, vector?: ArrayLike<number>): MatchSolution {
  return {
    id: solution._id.toHexString(),
    text: profileText(solutionText(solution)),
    status: solution.status,
    trl: solution.trl,
    evidence: solution.evidence,
    regionsServed: solution.regionsServed,
    organisationId: solution.organisationId,
    sectors: solution.sectors,
    tagTerms: labelTerms([...solution.tags, ...solution.capabilities]),
    priceMinGbp: solution.priceMinGbp,
    priceMaxGbp: solution.priceMaxGbp,
    vector,
    trackRecord: solution.trackRecord,
  };
}
