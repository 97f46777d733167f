import { z } from 'zod';
import { filterObjectId, toObjectId } from '../db/ids';
import { saveVersioned } from '../db/versioned-write';
import { createdWithEvent } from '../db/domain-events';
import { findPage, type CountedPage } from '../db/find-page';
import { isDuplicateKey } from '../db/duplicate-key';
import { inOwnOrganisations } from '../db/ownership';
import { isMemberOf, isStaff, membershipOf, requireUser } from '../shared/actor';
import type { ServiceContext } from '../context/service-context';
import type { ListArgs } from '../shared/pagination';
import { AppError, badInput, forbidden, notFound } from '../shared/errors';
import { parseTransitionInput } from '../shared/lifecycle';
import { dropNulls, parseInput, text } from '../shared/validation';
import type {
  DeclineResponseInput,
  ResponseEvent,
  ResponseFilter,
  ResponseTransitionInput,
  SubmitResponseInput,
  UpdateResponseInput,
} from '../contract/generated/resolvers-types';
import type { ChallengeRecord } from '../challenges/challenge.model';
import { getForResponding } from '../challenges/challenge.service';
import { getSolution } from '../solutions/solution.service';
import { liveKeyFor, ResponseModel, type ResponseRecord } from './response.model';
import { responsePolicy } from './response.policy';
import { responseLifecycle } from './response.lifecycle';
import { failedResponseRules, notEligible } from '../challenges/challenge-requirements';


const responseFields = {
  pitch: text(50, 10_000),
  kpiApproach: text(20, 5000),
  kpiNotes: z
    .array(z.strictObject({ kpiName: text(1, 200), note: text(2, 2000) }))
    .max(10)
    .refine((notes) => new Set(notes.map((note) => note.kpiName)).size === notes.length, 'must not have two notes for the same KPI'),
  indicativePriceGbp: z.int().min(0).max(100_000_000),
  timelineWeeks: z.int().min(1).max(104),
};

const submitSchema = z.strictObject({
  challengeId: z.string(),
  solutionId: z.string(),
  ...responseFields,
  kpiNotes: responseFields.kpiNotes.default([]),
});
const updateSchema = z.strictObject({ responseId: z.string(), expectedVersion: z.int(), ...z.object(responseFields).partial().shape });
const declineSchema = z.strictObject({ responseId: z.string(), expectedVersion: z.int(), reason: text(10, 2000) });

/** Loads a response the actor may see, else NOT_FOUND: other start-ups cannot tell it exists. */
export async function getResponse(ctx: ServiceContext, id: string): Promise<ResponseRecord> {
  const response = await ResponseModel.findById(toObjectId('Response', id)).lean();
  if (!response || !responsePolicy.canSee(ctx.actor, response)) throw notFound('Response', id);
  return response;
}

/** A page of responses plus how many match in all. */
export type ResponsePage = CountedPage<ResponseRecord>;

/** Lists responses newest first: staff see all; others those of their start-ups and those to their challenges. */
export async function listResponses(ctx: ServiceContext, { filter, first, after }: ListArgs<ResponseFilter>): Promise<ResponsePage> {
  const { actor } = ctx;
  requireUser(actor);
  const conditions: Record<string, unknown>[] = [
    isStaff(actor) ? {} : { $or: [inOwnOrganisations(actor), inOwnOrganisations(actor, 'challengeOrganisationId')] },
  ];
  if (filter?.challengeId) conditions.push({ challengeId: filterObjectId('filter.challengeId', filter.challengeId) });
  if (filter?.status) conditions.push({ status: filter.status });
  if (filter?.mine) conditions.push(inOwnOrganisations(actor));
  return findPage(ResponseModel, conditions, first, after);
}

/** Per-KPI notes must name the challenge's own KPIs, so the public body can read them against its targets. */
function assertKpiNotesMatch(challenge: Pick<ChallengeRecord, 'kpis'>, kpiNotes: { kpiName: string }[] | undefined): void {
  const names = challenge.kpis.map((kpi) => kpi.name);
  const problems = (kpiNotes ?? []).flatMap((note, index) =>
    names.includes(note.kpiName)
      ? []
      : [{ field: `kpiNotes.${index}.kpiName`, message: `is not one of this challenge's KPIs (${names.join('; ') || 'it has none'})` }],
  );
  if (problems.length > 0) throw badInput(problems);
}

/** The start-up's live response that blocked a new one, named so it knows whether withdrawing helps. */
async function liveResponseConflict(liveKey: string): Promise<AppError> {
  const existing = await ResponseModel.findOne({ liveKey }).select({ status: 1 }).lean();
  if (!existing) return new AppError('CONFLICT', 'Your start-up already has a response to this challenge.');
  const hint = existing.status === 'DECLINED' ? 'a declined response is final' : 'withdraw it to respond again';
  return new AppError('CONFLICT', `Your start-up already has a ${existing.status} response to this challenge; ${hint}.`, {
    existingResponseId: existing._id.toHexString(),
    existingStatus: existing.status,
  });
}

/**
 * A start-up member responds with one of the start-up's solutions. Every eligibility rule is
 * checked and all failures reported together; the unique live key makes a second live response
 * from the same start-up impossible even under concurrent submissions.
 */
export async function submitResponse(ctx: ServiceContext, input: SubmitResponseInput): Promise<ResponseRecord> {
  const { actor, now } = ctx;
  const user = requireUser(actor);
  const { challengeId, solutionId, ...fields } = parseInput(submitSchema, dropNulls(input));
  const solution = await getSolution(ctx, solutionId);
  const startupId = solution.organisationId.toHexString();
  if (!isMemberOf(actor, startupId)) throw forbidden('Only members of the start-up that owns this solution can respond with it.');
  const challenge = await getForResponding(ctx, challengeId);
  assertKpiNotesMatch(challenge, fields.kpiNotes);
  const failedRules = failedResponseRules({
    challenge,
    solution,
    startupVerified: membershipOf(actor, startupId)?.organisationVerified === true,
    now,
  });
  if (failedRules.length > 0) throw notEligible(failedRules);
  const liveKey = liveKeyFor(challenge._id, solution.organisationId);
  try {
    const response = await ResponseModel.create({
      ...fields,
      challengeId: challenge._id,
      challengeOrganisationId: challenge.organisationId,
      solutionId: solution._id,
      organisationId: solution.organisationId,
      submittedBy: toObjectId('User', user.userId),
      status: 'SUBMITTED',
      liveKey,
      submittedAt: now,
      // Submitting creates the response, so its first event is stored with the insert.
      ...createdWithEvent({ name: 'response.SUBMIT', at: now, actorId: user.userId, to: 'SUBMITTED' }),
    });
    return response.toObject();
  } catch (error) {
    if (isDuplicateKey(error)) throw await liveResponseConflict(liveKey);
    throw error;
  }
}

/**
 * The start-up edits its response until the public body acts on it or the challenge stops taking
 * responses: after the deadline every start-up's offer stays as it was at the deadline.
 */
export async function updateResponse(ctx: ServiceContext, input: UpdateResponseInput): Promise<ResponseRecord> {
  requireUser(ctx.actor);
  const response = await getResponse(ctx, input.responseId);
  responseLifecycle.assertRole(response, 'UPDATE', { ...ctx, challenge: null });
  const { responseId: _responseId, expectedVersion, ...changes } = parseInput(updateSchema, dropNulls(input));
  const challenge = await getForResponding(ctx, response.challengeId.toHexString());
  return responseLifecycle.fire(response, 'UPDATE', { ...ctx, challenge }, {
    changes: () => {
      assertKpiNotesMatch(challenge, changes.kpiNotes);
      return changes;
    },
    save: (update, transition) => saveVersioned(ResponseModel, 'response', response, expectedVersion, update, transition),
  });
}

/** The start-up takes its response back, which frees it to respond again. */
export function withdrawResponse(ctx: ServiceContext, input: ResponseTransitionInput): Promise<ResponseRecord> {
  return transition(ctx, input, 'WITHDRAW', (response) => ({ liveKey: `withdrawn:${response._id.toHexString()}` }));
}

/** The public body or staff take a response further. */
export function shortlistResponse(ctx: ServiceContext, input: ResponseTransitionInput): Promise<ResponseRecord> {
  return transition(ctx, input, 'SHORTLIST', () => ({}));
}

/** The public body or staff decline a response, with a reason the start-up sees. */
export function declineResponse(ctx: ServiceContext, input: DeclineResponseInput): Promise<ResponseRecord> {
  return transition(ctx, input, 'DECLINE', () => ({ declineReason: parseInput(declineSchema, input).reason }));
}

/** SHORTLIST, DECLINE and WITHDRAW need nothing of the challenge, so its guard facts stay empty. */
async function transition(
  ctx: ServiceContext,
  input: ResponseTransitionInput,
  event: Exclude<ResponseEvent, 'UPDATE'>,
  changes: (response: ResponseRecord) => Partial<ResponseRecord>,
): Promise<ResponseRecord> {
  requireUser(ctx.actor);
  const { id, expectedVersion } = parseTransitionInput('responseId', { responseId: input.responseId, expectedVersion: input.expectedVersion });
  const response = await getResponse(ctx, id);
  return responseLifecycle.fire(response, event, { ...ctx, challenge: null }, {
    changes,
    save: (update, transition) => saveVersioned(ResponseModel, 'response', response, expectedVersion, update, transition),
  });
}
