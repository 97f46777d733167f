import { z } from 'zod';
import { archiveSolution, createSolution, publishSolution } from '../server/src/solutions/solution.service';
import type { CreateSolutionInput, SolutionStatus } from '../server/src/contract/generated/resolvers-types';
import { AppError } from '../server/src/shared/errors';
import { sdlEnum } from '../server/src/contract/taxonomy';
import { readSeedFiles } from './seed-data';
import { progress } from './progress';
import type { SeedContext } from './seed-context';

const DAY_MS = 24 * 3600 * 1000;

const seedEvidenceSchema = z.looseObject({
  accreditation: z.looseObject({ expiresInDays: z.number().int() }).optional(),
});

const seedSolutionSchema = z.looseObject({
  key: z.string(),
  orgKey: z.string(),
  status: sdlEnum<SolutionStatus>('SolutionStatus'),
  evidence: z.array(seedEvidenceSchema).default([]),
});

/** Seeded solutions by key, for steps that refer to them (responses). */
export type SolutionIdByKey = Map<string, string>;

/**
 * Creates each demo solution as its start-up would and publishes or archives it as seeded.
 * Solutions of start-ups that staff have not verified stay drafts, as the platform requires.
 */
export async function seedSolutions(context: SeedContext): Promise<SolutionIdByKey> {
  const solutions = readSeedFiles('solutions', seedSolutionSchema);
  const solutionIds: SolutionIdByKey = new Map();
  const bar = progress('solutions', solutions.length, context.log);
  let keptAsDraft = 0;
  for (const seed of solutions) {
    const { key, orgKey, status, evidence, ...fields } = seed;
    const owner = context.ownerOf(orgKey);
    let solution = await createSolution(owner, {
      ...(fields as Omit<CreateSolutionInput, 'organisationId' | 'evidence'>),
      organisationId: context.organisationIdByKey.get(orgKey) ?? '',
      evidence: evidence.map(({ accreditation, ...item }) => ({
        ...(item as Omit<NonNullable<CreateSolutionInput['evidence']>[number], 'accreditation'>),
        ...(accreditation
          ? {
              accreditation: {
                type: accreditation.type as never,
                issuer: String(accreditation.issuer),
                expiresAt: new Date(owner.now.getTime() + accreditation.expiresInDays * DAY_MS),
              },
            }
          : {}),
      })),
    });
    const transition = { solutionId: solution._id.toHexString(), expectedVersion: solution.version };
    try {
      if (status === 'PUBLISHED') solution = await publishSolution(owner, transition);
      if (status === 'ARCHIVED') solution = await archiveSolution(owner, transition);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'NOT_ELIGIBLE')) throw error;
      keptAsDraft += 1;
    }
    solutionIds.set(key, solution._id.toHexString());
    bar.tick();
  }
  if (keptAsDraft > 0) context.log(`  ${keptAsDraft} solutions of unverified start-ups stay drafts until staff verify them`);
  return solutionIds;
}
