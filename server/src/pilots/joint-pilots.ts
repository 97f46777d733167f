import { z } from 'zod';
import type { ServiceContext } from '../context/service-context';
import type { ChallengeRecord } from '../challenges/challenge.model';
import { openChallenges } from '../challenges/challenge.service';
import { challengeStatistics } from '../matching/match-corpus';
import { isStaff, requireUser } from '../shared/actor';
import { forbidden } from '../shared/errors';
import { parseInput } from '../shared/validation';
import { SIMILAR_CHALLENGE_THRESHOLD, challengeProfileOf, challengeSimilarity } from './similar-challenges';

export interface JointPilotCandidateRecord {
  challenges: [ChallengeRecord, ChallengeRecord];
  similarity: number;
  sharedTerms: string[];
}

/**
 * Open challenges of two different public bodies that describe one need: staff may propose a
 * joint pilot instead of two separate ones. Every pair of open challenges is compared (they
 * are few); most alike first.
 */
export async function jointPilotCandidates(ctx: ServiceContext, { first }: { first?: number | null }): Promise<JointPilotCandidateRecord[]> {
  requireUser(ctx.actor);
  if (!isStaff(ctx.actor)) throw forbidden('Joint-pilot candidates are for accelerator staff.');
  const limit = parseInput(z.int().min(1).max(100), first ?? 20);
  const [open, statistics] = await Promise.all([openChallenges(ctx), challengeStatistics(ctx)]);
  const profiles = open.map(challengeProfileOf);
  const candidates: JointPilotCandidateRecord[] = [];
  for (let i = 0; i < profiles.length; i += 1) {
    for (let j = i + 1; j < profiles.length; j += 1) {
      const [a, b] = [profiles[i]!, profiles[j]!];
      if (a.challenge.organisationId.equals(b.challenge.organisationId)) continue;
      const alike = challengeSimilarity(a, b, statistics);
      if (alike && alike.similarity >= SIMILAR_CHALLENGE_THRESHOLD) candidates.push({ challenges: [a.challenge, b.challenge], ...alike });
    }
  }
  return candidates.sort((x, y) => y.similarity - x.similarity).slice(0, limit);
}
