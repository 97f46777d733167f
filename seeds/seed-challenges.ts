import { z } from 'zod';
import {
  closeChallenge,
  createChallenge,
  publishChallenge,
  submitChallenge,
} from '../server/src/challenges/challenge.service';
import type { ChallengeStatus, CreateChallengeInput } from '../server/src/contract/generated/resolvers-types';
import { sdlEnum } from '../server/src/contract/taxonomy';
import { readSeedFiles } from './seed-data';
import { progress } from './progress';
import type { SeedContext } from './seed-context';

const DAY_MS = 24 * 3600 * 1000;

const seedChallengeSchema = z.looseObject({
  key: z.string(),
  orgKey: z.string(),
  status: sdlEnum<ChallengeStatus>('ChallengeStatus'),
  responseDeadlineInDays: z.number().int(),
});

/** Seeded challenges by key, for steps that refer to them (responses, matches). */
export type ChallengeIdByKey = Map<string, string>;

/**
 * Creates each demo challenge as its public body would, then moves it through the lifecycle to
 * its seeded status with the same services staff use. Challenges seeded as CLOSED get a future
 * deadline and are closed early, since a new challenge cannot be given a past deadline.
 */
export async function seedChallenges(context: SeedContext): Promise<ChallengeIdByKey> {
  const challenges = readSeedFiles('challenges', seedChallengeSchema);
  const challengeIds: ChallengeIdByKey = new Map();
  const bar = progress('challenges', challenges.length, context.log);
  for (const seed of challenges) {
    const { key, orgKey, status, responseDeadlineInDays, ...fields } = seed;
    const owner = context.ownerOf(orgKey);
    const daysAhead = responseDeadlineInDays > 0 ? responseDeadlineInDays : 7;
    let challenge = await createChallenge(owner, {
      ...(fields as Omit<CreateChallengeInput, 'organisationId' | 'responseDeadline'>),
      organisationId: context.organisationIdByKey.get(orgKey) ?? '',
      responseDeadline: new Date(owner.now.getTime() + daysAhead * DAY_MS),
    });
    const step = async (fire: typeof submitChallenge, ctx = owner) => {
      challenge = await fire(ctx, { challengeId: challenge._id.toHexString(), expectedVersion: challenge.version });
    };
    if (status !== 'DRAFT') await step(submitChallenge);
    if (status === 'OPEN' || status === 'CLOSED') await step(publishChallenge, context.admin);
    if (status === 'CLOSED') await step(closeChallenge);
    challengeIds.set(key, challenge._id.toHexString());
    bar.tick();
  }
  return challengeIds;
}
