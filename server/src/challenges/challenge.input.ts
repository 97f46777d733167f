import { z } from 'zod';
import { badInput, type FieldProblem } from '../shared/errors';
import { regionSchema, sdlEnum, sectorsSchema } from '../contract/taxonomy';
import { distinct, tagsSchema, text } from '../shared/validation';
import type { Accreditation, KpiDirection } from '../contract/generated/resolvers-types';
import type { ChallengeRecord } from './challenge.model';

/** What an owner may write into a challenge, and the rules that span fields or depend on the time. */

const MAX_BUDGET_GBP = 100_000_000;
const MAX_DEADLINE_AHEAD_MS = 2 * 365 * 24 * 3600 * 1000;


export const kpiSchema = z
  .strictObject({
    name: text(2, 200),
    unit: text(1, 50),
    baseline: z.number().finite(),
    target: z.number().finite(),
    direction: sdlEnum<KpiDirection>('KpiDirection'),
  })
  .superRefine((kpi, context) => {
    if (kpi.direction === 'INCREASE' && !(kpi.target > kpi.baseline)) {
      context.addIssue({ code: 'custom', path: ['target'], message: 'must be above the baseline when the direction is INCREASE' });
    }
    if (kpi.direction === 'DECREASE' && !(kpi.target < kpi.baseline)) {
      context.addIssue({ code: 'custom', path: ['target'], message: 'must be below the baseline when the direction is DECREASE' });
    }
  });

const gbp = z.int().min(0).max(MAX_BUDGET_GBP);

/** Every field an owner writes; the lifecycle and audit fields are not among them, so no input can set them. */
const challengeFields = {
  title: text(5, 200),
  summary: text(20, 1500).refine((summary) => !/\n\s*\n/.test(summary), 'must be a single paragraph'),
  what: text(20, 10_000),
  why: text(20, 10_000),
  how: text(20, 10_000),
  sectors: sectorsSchema,
  tags: tagsSchema,
  region: regionSchema,
  budgetMinGbp: gbp,
  budgetMaxGbp: gbp,
  pilotLengthWeeks: z.int().min(1).max(104),
  responseDeadline: z.date(),
  minTrl: z.int().min(1).max(9),
  requiredAccreditations: z.array(sdlEnum<Accreditation>('Accreditation')).max(20).transform(distinct),
  kpis: z.array(kpiSchema).min(1).max(10),
};

export const createChallengeSchema = z.strictObject({
  organisationId: z.string(),
  ...challengeFields,
  tags: challengeFields.tags.default([]),
  requiredAccreditations: challengeFields.requiredAccreditations.default([]),
});

export const updateChallengeSchema = z.strictObject({
  challengeId: z.string(),
  expectedVersion: z.int(),
  ...z.object(challengeFields).partial().shape,
});

export const challengeFeedbackSchema = z.strictObject({ feedback: text(10, 5000) });

type ChallengeFields = Pick<ChallengeRecord, 'budgetMinGbp' | 'budgetMaxGbp'>;

/** Rules that span fields, checked on the record as it would be after the write. */
export function crossFieldProblems(fields: ChallengeFields): FieldProblem[] {
  return fields.budgetMinGbp > fields.budgetMaxGbp ? [{ field: 'budgetMaxGbp', message: 'must be at least budgetMinGbp' }] : [];
}

/** A deadline must leave time to respond, and not so much that the challenge goes stale. */
export function deadlineProblems(deadline: Date, now: Date): FieldProblem[] {
  if (deadline.getTime() <= now.getTime()) return [{ field: 'responseDeadline', message: 'must be in the future' }];
  if (deadline.getTime() - now.getTime() > MAX_DEADLINE_AHEAD_MS) {
    return [{ field: 'responseDeadline', message: 'must be within two years' }];
  }
  return [];
}

export function throwIfAny(problems: FieldProblem[]): void {
  if (problems.length > 0) throw badInput(problems);
}

