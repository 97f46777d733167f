import { z } from 'zod';
import { submitResponse } from '../server/src/responses/response.service';
import { AppError } from '../server/src/shared/errors';
import type { SeedContext } from './seed-context';
import type { ChallengeIdByKey } from './seed-challenges';
import type { SolutionIdByKey } from './seed-solutions';
import { readSeedFiles, readSolutionOwners } from './seed-data';

const matchSchema = z.object({ challengeKey: z.string(), solutionKey: z.string(), relevance: z.number(), why: z.string() });

/** How many labelled pairs become responses: enough for a lively demo, few enough to leave matching work. */
const DEMO_RESPONSES = 40;

/**
 * Turns some of the strongest labelled pairs into responses, submitted by the start-ups through
 * the same eligibility checks as the API; pairs that are not eligible are simply skipped.
 */
export async function seedResponses(context: SeedContext, challengeIds: ChallengeIdByKey, solutionIds: SolutionIdByKey): Promise<void> {
  const ownerOfSolution = readSolutionOwners();
  const strongPairs = readSeedFiles('matches', matchSchema).filter((match) => match.relevance === 2);
  let submitted = 0;
  for (const pair of strongPairs) {
    if (submitted >= DEMO_RESPONSES) break;
    const challengeId = challengeIds.get(pair.challengeKey);
    const solutionId = solutionIds.get(pair.solutionKey);
    const orgKey = ownerOfSolution.get(pair.solutionKey);
    if (!challengeId || !solutionId || !orgKey) continue;
    try {
      await submitResponse(context.ownerOf(orgKey), {
        challengeId,
        solutionId,
        pitch: `${pair.why} We would run the pilot with your team from week one and report against every KPI.`,
        kpiApproach: 'We agree the baseline with you in the first fortnight and report progress against each KPI every month.',
        indicativePriceGbp: 45_000,
        timelineWeeks: 24,
      });
      submitted += 1;
    } catch (error) {
      if (!(error instanceof AppError && (error.code === 'NOT_ELIGIBLE' || error.code === 'CONFLICT'))) throw error;
    }
  }
  context.log(`seeded ${submitted} responses`);
}
