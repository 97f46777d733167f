import type { ServiceContext } from '../context/service-context';
import { eachPublishedSolution, publishedSolutionsFingerprint } from '../solutions/solution.service';
import { openChallenges } from '../challenges/challenge.service';
import { CorpusStatistics, profileText } from '../search/lexical-relevance';
import { challengeText, solutionText } from './match-profiles';

/**
 * The corpus statistics the matcher keeps, one set per side. They are rebuilt only when the
 * corpus changed (its count or latest edit), so a matcher run costs one cheap check, not a scan;
 * the fingerprint keeps them deterministic, unlike a timer.
 */

interface Kept {
  fingerprint: string;
  statistics: CorpusStatistics;
}

let solutions: Kept | undefined;
let challenges: Kept | undefined;

/** Document frequencies over every published solution. */
export async function solutionStatistics(ctx: ServiceContext): Promise<CorpusStatistics> {
  const fingerprint = await publishedSolutionsFingerprint(ctx);
  if (solutions?.fingerprint === fingerprint) return solutions.statistics;
  const statistics = new CorpusStatistics();
  for await (const solution of eachPublishedSolution(ctx)) statistics.add(profileText(solutionText(solution)));
  solutions = { fingerprint, statistics };
  return statistics;
}

/** Document frequencies over the open challenges (they are few), for recommending challenges to a solution. */
export async function challengeStatistics(ctx: ServiceContext): Promise<CorpusStatistics> {
  const open = await openChallenges(ctx);
  const fingerprint = `${open.length}:${open.reduce((latest, challenge) => Math.max(latest, challenge.updatedAt.getTime()), 0)}`;
  if (challenges?.fingerprint === fingerprint) return challenges.statistics;
  const statistics = new CorpusStatistics();
  for (const challenge of open) statistics.add(profileText(challengeText(challenge)));
  challenges = { fingerprint, statistics };
  return statistics;
}
