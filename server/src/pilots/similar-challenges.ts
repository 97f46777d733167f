import type { ServiceContext } from '../context/service-context';
import type { ChallengeRecord } from '../challenges/challenge.model';
import { openChallenges } from '../challenges/challenge.service';
import { bm25, lexicalQuery, matchedTerms, profileText, type CorpusStatistics, type TextProfile } from '../search/lexical-relevance';
import { challengeStatistics } from '../matching/match-corpus';
import { challengeText } from '../matching/match-profiles';

/**
 * How alike two challenges are, for offering an adopted solution to other bodies with the same
 * need and for joint-pilot candidates. The matcher's own BM25 over the open challenges, each
 * direction as a share of the text's score against itself (so long and short challenges compare
 * alike), averaged; and at least one sector in common, so shared boilerplate cannot pair a
 * housing challenge with a parking one.
 */

/**
 * Not tuned: there is no labelled set of alike challenges. Looked at on the 75 seed challenges
 * (their own statistics): 54 of the 730 same-sector pairs at different bodies reach 0.2, about
 * the top 7%. Pairs above 0.3 read as one need (two ways to pay for parking without machines;
 * damp and mould found early), pairs near 0.2 share a theme more than a need (outpatient
 * no-shows and delayed discharges). So 0.2 errs towards offering staff a candidate to review.
 */
export const SIMILAR_CHALLENGE_THRESHOLD = 0.2;

export interface ChallengeProfile {
  challenge: ChallengeRecord;
  text: TextProfile;
}

export interface ChallengeSimilarity {
  similarity: number;
  sharedTerms: string[];
}

export const challengeProfileOf = (challenge: ChallengeRecord): ChallengeProfile => ({ challenge, text: profileText(challengeText(challenge)) });

/** The similarity of two challenges, or null when they share no sector. */
export function challengeSimilarity(a: ChallengeProfile, b: ChallengeProfile, statistics: CorpusStatistics): ChallengeSimilarity | null {
  if (!a.challenge.sectors.some((sector) => b.challenge.sectors.includes(sector))) return null;
  const share = (from: ChallengeProfile, to: ChallengeProfile) => {
    const query = lexicalQuery(from.text, statistics);
    const itself = bm25(query, from.text, statistics);
    return itself > 0 ? Math.min(1, bm25(query, to.text, statistics) / itself) : 0;
  };
  return {
    similarity: (share(a, b) + share(b, a)) / 2,
    sharedTerms: matchedTerms(lexicalQuery(a.text, statistics), b.text, statistics, 6),
  };
}

/** Open challenges of other bodies that resemble `original` (which may itself be closed by now), most alike first. */
export async function similarOpenChallengesAtOtherBodies(ctx: ServiceContext, original: ChallengeRecord, limit: number): Promise<ChallengeRecord[]> {
  const [open, statistics] = await Promise.all([openChallenges(ctx), challengeStatistics(ctx)]);
  const from = challengeProfileOf(original);
  return open
    .filter((challenge) => !challenge.organisationId.equals(original.organisationId))
    .map((challenge) => ({ challenge, similarity: challengeSimilarity(from, challengeProfileOf(challenge), statistics)?.similarity ?? 0 }))
    .filter(({ similarity }) => similarity >= SIMILAR_CHALLENGE_THRESHOLD)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, limit)
    .map(({ challenge }) => challenge);
}
