import { CorpusStatistics, labelTerms, profileText } from '../../server/src/search/lexical-relevance';
import { rankCandidates } from '../../server/src/matching/match-ranking';
import { reciprocalScore, type MatchChallenge, type MatchSolution } from '../../server/src/matching/match-scoring';
import { DEFAULT_WEIGHTS } from '../../server/src/matching/match-weights';

/** The matcher's pure re-rank: a 0..1 score that is the sum of its parts, neutral (mid-scale) when a record is silent, and eligibility first. */

const now = new Date('2026-06-01T00:00:00Z');
const challenge: MatchChallenge = {
  id: 'gp',
  text: profileText(['Residents cannot get through to book a GP appointment at 8am', 'telephone queue call-back']),
  sectors: ['HEALTH_AND_CARE'],
  tagTerms: labelTerms(['telephony', 'gp-access']),
  region: 'LONDON',
  minTrl: 6,
  budgetMaxGbp: 50_000,
};
const solution = (id: string, text: string, extra: Partial<MatchSolution> = {}): MatchSolution => ({ id, text: profileText([text]), ...extra });
const pool = [
  solution('telephony', 'Cloud telephony for GP practices with queue position and call-back at the 8am peak', {
    sectors: ['HEALTH_AND_CARE'],
    tagTerms: labelTerms(['telephony', 'call-back']),
    regionsServed: ['LONDON'],
    trl: 8,
    priceMinGbp: 10_000,
    evidence: [{ kind: 'PREVIOUS_DEPLOYMENT', description: '140 practices' }],
  }),
  solution('bare', 'GP appointment booking by telephone'),
  solution('immature', 'GP telephone queue call-back appointment', { trl: 4 }),
  solution('parking', 'Parking bay sensors', { sectors: ['TRANSPORT_AND_PARKING'] }),
];
const statistics = new CorpusStatistics();
for (const entry of pool) statistics.add(entry.text);

const ranked = rankCandidates(challenge, pool, statistics, { weights: DEFAULT_WEIGHTS, now, limit: 10, nearMissLimit: 5 });

it('ranks fits above decoys, with a score in 0..1 that is exactly the sum of its contributions', () => {
  const order = ranked.suggestions.map((match) => match.id);
  expect(order.indexOf('telephony')).toBeLessThan(order.indexOf('parking'));
  const best = ranked.suggestions.find((match) => match.id === 'telephony');
  for (const match of ranked.suggestions) {
    expect(match.score).toBeGreaterThanOrEqual(0);
    expect(match.score).toBeLessThanOrEqual(1);
    const sum = match.explanation.contributions.reduce((total, part) => total + part.contribution, 0);
    expect(sum).toBeCloseTo(match.score, 10);
  }
  expect(best?.explanation.matchedTerms).toEqual(expect.arrayContaining(['8am', 'queue', 'gp']));
  expect(best?.explanation.checksPassed.map((check) => check.rule)).toContain('MIN_TRL');
});

it('treats what a record does not say as neutral, and says so, instead of scoring it zero', () => {
  const bare = ranked.suggestions.find((match) => match.id === 'bare');
  const region = bare?.explanation.contributions.find((part) => part.feature === 'regionFit');
  expect(region).toMatchObject({ value: null, note: 'neutral: region not stated on both sides' });
  const weightTotal = Object.values(DEFAULT_WEIGHTS).reduce((sum, weight) => sum + weight, 0);
  expect(region?.contribution).toBeCloseTo((DEFAULT_WEIGHTS.regionFit * 0.5) / weightTotal, 10);
  const trackRecord = bare?.explanation.contributions.find((part) => part.feature === 'trackRecord');
  expect(trackRecord?.note).toMatch(/no completed pilots yet/);
});

it('never suggests an ineligible solution, but lists it as a near-miss with why not', () => {
  expect(ranked.suggestions.map((match) => match.id)).not.toContain('immature');
  const nearMiss = ranked.nearMisses.find((match) => match.id === 'immature');
  expect(nearMiss?.explanation.whyNot).toEqual(['The solution is TRL 4; this challenge needs TRL 6 or higher.']);
});

it('combines the two directions so a pair is good only when both rank it well', () => {
  expect(reciprocalScore(0.9, 0.9)).toBeCloseTo(0.9);
  expect(reciprocalScore(0.9, 0.1)).toBeLessThan(0.2);
  expect(reciprocalScore(0, 0)).toBe(0);
});
