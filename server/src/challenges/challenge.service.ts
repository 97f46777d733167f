import { z } from 'zod';
import { trusted } from '../db/trusted';
import { filterObjectId, toObjectId } from '../db/ids';
import { saveVersioned } from '../db/versioned-write';
import { findPage, type CountedPage } from '../db/find-page';
import { inOwnOrganisations, publicOrOwn } from '../db/ownership';
import { type Actor, requireUser } from '../shared/actor';
import type { ServiceContext } from '../context/service-context';
import type { ListArgs } from '../shared/pagination';
import { AppError, badInput, forbidden, notFound, type FieldProblem } from '../shared/errors';
import { nextState } from '../shared/state-machine';
import { regionSchema, sdlEnum } from '../contract/taxonomy';
import { dropNulls, parseInput } from '../shared/validation';
import type {
  Accreditation,
  ChallengeEvent,
  ChallengeFilter,
  ChallengeTransitionInput,
  CreateChallengeInput,
  KpiDirection,
  RequestChallengeChangesInput,
  Sector,
  UpdateChallengeInput,
} from '../contract/generated/resolvers-types';
import { ChallengeModel, type ChallengeRecord } from './challenge.model';
import { challengePolicy, challengeTransitions, hasRoleFor, ownerIsVerified } from './challenge.policy';

const MAX_BUDGET_GBP = 100_000_000;
const MAX_DEADLINE_AHEAD_MS = 2 * 365 * 24 * 3600 * 1000;

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const distinct = <T>(values: T[]) => [...new Set(values)];

const kpiSchema = z
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
  sectors: z
    .array(sdlEnum<Sector>('Sector'))
    .min(1)
    .max(3)
    .refine((sectors) => distinct(sectors).length === sectors.length, 'must not repeat a sector'),
  tags: z.array(text(1, 40).toLowerCase()).max(20).transform(distinct),
  region: regionSchema,
  budgetMinGbp: gbp,
  budgetMaxGbp: gbp,
  pilotLengthWeeks: z.int().min(1).max(104),
  responseDeadline: z.date(),
  minTrl: z.int().min(1).max(9),
  requiredAccreditations: z.array(sdlEnum<Accreditation>('Accreditation')).max(20).transform(distinct),
  kpis: z.array(kpiSchema).min(1).max(10),
};

const createSchema = z.strictObject({
  organisationId: z.string(),
  ...challengeFields,
  tags: challengeFields.tags.default([]),
  requiredAccreditations: challengeFields.requiredAccreditations.default([]),
});

const updateSchema = z.strictObject({
  challengeId: z.string(),
  expectedVersion: z.int(),
  ...z.object(challengeFields).partial().shape,
});

const transitionSchema = z.strictObject({ challengeId: z.string(), expectedVersion: z.int() });
const feedbackSchema = z.strictObject({ feedback: text(10, 5000) });

type ChallengeFields = Pick<ChallengeRecord, 'budgetMinGbp' | 'budgetMaxGbp'>;

/** Rules that span fields, checked on the record as it would be after the write. */
function crossFieldProblems(fields: ChallengeFields): FieldProblem[] {
  return fields.budgetMinGbp > fields.budgetMaxGbp ? [{ field: 'budgetMaxGbp', message: 'must be at least budgetMinGbp' }] : [];
}

/** A deadline must leave time to respond, and not so much that the challenge goes stale. */
function deadlineProblems(deadline: Date, now: Date): FieldProblem[] {
  if (deadline.getTime() <= now.getTime()) return [{ field: 'responseDeadline', message: 'must be in the future' }];
  if (deadline.getTime() - now.getTime() > MAX_DEADLINE_AHEAD_MS) {
    return [{ field: 'responseDeadline', message: 'must be within two years' }];
  }
  return [];
}

function throwIfAny(problems: FieldProblem[]): void {
  if (problems.length > 0) throw badInput(problems);
}

/**
 * Closes OPEN challenges whose deadline has passed (all of them, or only those in `ids`).
 * Deadlines need no timer: every read runs this first, and the conditional update makes it
 * idempotent when readers race. `closedAt` is the deadline itself, not the moment someone looked.
 */
export async function closeExpiredChallenges(now: Date, ids?: ChallengeRecord['_id'][]): Promise<number> {
  const expired = await ChallengeModel.find({
    status: 'OPEN',
    responseDeadline: trusted({ $lte: now }),
    ...(ids ? { _id: trusted({ $in: ids }) } : {}),
  })
    .select({ responseDeadline: 1 })
    .lean();
  if (expired.length === 0) return 0;
  const result = await ChallengeModel.bulkWrite(
    expired.map((challenge) => ({
      updateOne: {
        filter: { _id: challenge._id, status: 'OPEN' as const },
        update: {
          $set: { status: 'CLOSED' as const, closeReason: 'DEADLINE_PASSED' as const, closedAt: challenge.responseDeadline },
          $inc: { version: 1 },
        },
      },
    })),
    { ordered: false },
  );
  return result.modifiedCount;
}

/**
 * Loads a challenge the actor may see, closing it first if its deadline has passed.
 * Hidden and missing challenges give the same NOT_FOUND. Other features use this for every
 * visibility-checked load (responses, solutions, matching).
 */
export async function getChallenge(ctx: ServiceContext, id: string): Promise<ChallengeRecord> {
  const _id = toObjectId('Challenge', id);
  let challenge = await ChallengeModel.findById(_id).lean();
  if (challenge && challengeIsExpired(challenge, ctx.now)) {
    await closeExpiredChallenges(ctx.now, [_id]);
    challenge = await ChallengeModel.findById(_id).lean();
  }
  if (!challenge || !challengePolicy.canSee(ctx.actor, challenge)) throw notFound('Challenge', id);
  return challenge;
}

/** True for an OPEN challenge whose deadline has passed but which nobody has closed yet. */
export function challengeIsExpired(challenge: Pick<ChallengeRecord, 'status' | 'responseDeadline'>, now: Date): boolean {
  return challenge.status === 'OPEN' && challenge.responseDeadline.getTime() <= now.getTime();
}

/** A page of challenges plus how many match in all. */
export type ChallengePage = CountedPage<ChallengeRecord>;

function filterConditions(actor: Actor, filter: ChallengeFilter): Record<string, unknown>[] {
  const conditions: Record<string, unknown>[] = [];
  if (filter.sectors && filter.sectors.length > 0) conditions.push({ sectors: trusted({ $in: filter.sectors }) });
  if (filter.region) conditions.push({ region: filter.region });
  if (filter.status) conditions.push({ status: filter.status });
  if (filter.mine) conditions.push(inOwnOrganisations(actor));
  if (filter.organisationId) {
    conditions.push({ organisationId: filterObjectId('filter.organisationId', filter.organisationId) });
  }
  return conditions;
}

/**
 * Lists challenges newest first. A status filter narrows what the actor may see, never widens it:
 * a start-up asking for DRAFTs gets none but its own organisations'.
 */
export async function listChallenges(ctx: ServiceContext, { filter, first, after }: ListArgs<ChallengeFilter>): Promise<ChallengePage> {
  // OPEN challenges, plus every state of the actor's own organisations' (all, for staff).
  const conditions = [publicOrOwn(ctx.actor, { status: 'OPEN' }), ...filterConditions(ctx.actor, filter ?? {})];
  await closeExpiredChallenges(ctx.now);
  return findPage(ChallengeModel, conditions, first, after);
}

/** Members of a public body (verified or not) start a DRAFT for it; nothing else can create one. */
export async function createChallenge(ctx: ServiceContext, input: CreateChallengeInput): Promise<ChallengeRecord> {
  const user = requireUser(ctx.actor);
  if (!challengePolicy.canCreateFor(ctx.actor, input.organisationId)) {
    throw forbidden('Only members of a public body can create challenges for it.');
  }
  const { organisationId, ...fields } = parseInput(createSchema, dropNulls(input));
  throwIfAny([...crossFieldProblems(fields), ...deadlineProblems(fields.responseDeadline, ctx.now)]);
  const challenge = await ChallengeModel.create({
    ...fields,
    organisationId: toObjectId('Organisation', organisationId),
    createdBy: toObjectId('User', user.userId),
    status: 'DRAFT',
    version: 1,
  });
  return challenge.toObject();
}

/** Owners edit a DRAFT; anything else is an INVALID_TRANSITION naming the state. */
export async function updateChallenge(ctx: ServiceContext, input: UpdateChallengeInput): Promise<ChallengeRecord> {
  requireUser(ctx.actor);
  const challenge = await getChallenge(ctx, input.challengeId);
  authorise(ctx.actor, challenge, 'UPDATE');
  const { challengeId: _challengeId, expectedVersion, ...changes } = parseInput(updateSchema, dropNulls(input));
  nextState(challengeTransitions, 'challenge', challenge.status, 'UPDATE');
  throwIfAny([
    ...crossFieldProblems({ ...challenge, ...changes }),
    ...(changes.responseDeadline ? deadlineProblems(changes.responseDeadline, ctx.now) : []),
  ]);
  return saveChallenge(challenge, expectedVersion, changes);
}

/** Owners of a verified public body send a DRAFT to staff for review. */
export async function submitChallenge(ctx: ServiceContext, input: ChallengeTransitionInput): Promise<ChallengeRecord> {
  return fire(ctx, input, 'SUBMIT', (challenge, now) => {
    if (!ownerIsVerified(ctx.actor, challenge)) {
      throw new AppError('NOT_ELIGIBLE', 'Your organisation must be verified by staff before it can submit challenges.');
    }
    throwIfAny(deadlineProblems(challenge.responseDeadline, now));
    return { submittedAt: now };
  });
}

/** Staff open a reviewed challenge to start-ups. */
export async function publishChallenge(ctx: ServiceContext, input: ChallengeTransitionInput): Promise<ChallengeRecord> {
  const staff = requireUser(ctx.actor);
  return fire(ctx, input, 'PUBLISH', (challenge, now) => {
    throwIfAny(deadlineProblems(challenge.responseDeadline, now));
    return { publishedAt: now, publishedBy: toObjectId('User', staff.userId), staffFeedback: null };
  });
}

/** Staff send a submitted challenge back to DRAFT with what to change. */
export async function requestChallengeChanges(ctx: ServiceContext, input: RequestChallengeChangesInput): Promise<ChallengeRecord> {
  return fire(ctx, input, 'REQUEST_CHANGES', () => ({
    staffFeedback: parseInput(feedbackSchema, { feedback: input.feedback }).feedback,
  }));
}

/** The owner or staff stop accepting responses before the deadline. */
export async function closeChallenge(ctx: ServiceContext, input: ChallengeTransitionInput): Promise<ChallengeRecord> {
  return fire(ctx, input, 'CLOSE', (_challenge, now) => ({ closedAt: now, closeReason: 'CLOSED_EARLY' }));
}

/** The owner takes back a challenge that has not closed. */
export async function withdrawChallenge(ctx: ServiceContext, input: ChallengeTransitionInput): Promise<ChallengeRecord> {
  return fire(ctx, input, 'WITHDRAW', (_challenge, now) => ({ withdrawnAt: now }));
}

/** The owner or staff file away a closed or withdrawn challenge. */
export async function archiveChallenge(ctx: ServiceContext, input: ChallengeTransitionInput): Promise<ChallengeRecord> {
  return fire(ctx, input, 'ARCHIVE', (_challenge, now) => ({ archivedAt: now }));
}

/** FORBIDDEN when the actor's role can never fire the event; the state is checked after. */
function authorise(actor: Actor, challenge: ChallengeRecord, event: ChallengeEvent): void {
  if (!hasRoleFor(actor, challenge, event)) {
    throw forbidden(`You are not allowed to ${event.toLowerCase().replace('_', ' ')} this challenge.`);
  }
}

/**
 * Fires one lifecycle event: load (visibility), role, transition table, event-specific checks
 * and fields, then the version-checked write.
 */
async function fire(
  ctx: ServiceContext,
  input: ChallengeTransitionInput,
  event: ChallengeEvent,
  prepare: (challenge: ChallengeRecord, now: Date) => Partial<ChallengeRecord>,
): Promise<ChallengeRecord> {
  requireUser(ctx.actor);
  const { challengeId, expectedVersion } = parseInput(transitionSchema, { challengeId: input.challengeId, expectedVersion: input.expectedVersion });
  const challenge = await getChallenge(ctx, challengeId);
  authorise(ctx.actor, challenge, event);
  const status = nextState(challengeTransitions, 'challenge', challenge.status, event);
  const changes = prepare(challenge, ctx.now);
  return saveChallenge(challenge, expectedVersion, { ...changes, status });
}

/** The one place a challenge is written after creation, so every write is version-checked. */
function saveChallenge(challenge: ChallengeRecord, expectedVersion: number, changes: Partial<ChallengeRecord>): Promise<ChallengeRecord> {
  return saveVersioned(ChallengeModel, 'challenge', challenge, expectedVersion, changes);
}
