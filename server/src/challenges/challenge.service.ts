import { trusted } from '../db/trusted';
import { filterObjectId, toObjectId } from '../db/ids';
import { saveVersioned } from '../db/versioned-write';
import { findPage, type CountedPage } from '../db/find-page';
import { inOwnOrganisations } from '../db/ownership';
import { visibleCondition } from '../db/visibility';
import { type Actor, requireUser } from '../shared/actor';
import type { ServiceContext } from '../context/service-context';
import type { ListArgs } from '../shared/pagination';
import { AppError, forbidden, notFound } from '../shared/errors';
import { parseTransitionInput } from '../shared/lifecycle';
import { dropNulls, parseInput } from '../shared/validation';
import type {
  ChallengeEvent,
  ChallengeFilter,
  ChallengeStatus,
  ChallengeTransitionInput,
  CreateChallengeInput,
  RequestChallengeChangesInput,
  UpdateChallengeInput,
} from '../contract/generated/resolvers-types';
import { ChallengeModel, type ChallengeRecord } from './challenge.model';
import { asOf, challengePolicy, challengeVisibility, expiryFields, isExpired } from './challenge.policy';
import { challengeLifecycle } from './challenge.lifecycle';
import {
  challengeFeedbackSchema,
  createChallengeSchema,
  crossFieldProblems,
  deadlineProblems,
  throwIfAny,
  updateChallengeSchema,
} from './challenge.input';

/** The stored record and the same record as readers see it now (an expired OPEN reads as CLOSED). */
interface LoadedChallenge {
  stored: ChallengeRecord;
  challenge: ChallengeRecord;
}

async function load(ctx: ServiceContext, id: string, mayAddress = challengePolicy.canSee): Promise<LoadedChallenge> {
  const stored = await ChallengeModel.findById(toObjectId('Challenge', id)).lean();
  const challenge = stored && asOf(stored, ctx.now);
  if (!stored || !challenge || !mayAddress(ctx.actor, challenge)) throw notFound('Challenge', id);
  return { stored, challenge };
}

/**
 * Loads a challenge the actor may see, as of now; reads never write. Hidden and missing
 * challenges give the same NOT_FOUND. Other features use this for every visibility-checked load.
 */
export async function getChallenge(ctx: ServiceContext, id: string): Promise<ChallengeRecord> {
  return (await load(ctx, id)).challenge;
}

/**
 * The challenge a start-up may respond to, as of now: one it can see, or one that was published
 * and has since closed, so that a late response is told the deadline passed rather than "not found".
 */
export async function getForResponding(ctx: ServiceContext, id: string): Promise<ChallengeRecord> {
  return (await load(ctx, id, challengePolicy.canAddressForResponse)).challenge;
}

/** A page of challenges plus how many match in all. */
export type ChallengePage = CountedPage<ChallengeRecord>;

/** Mongo's side of effectiveStatus: records that read as `status` at `now`. */
function effectiveStatusIs(status: ChallengeStatus, now: Date): Record<string, unknown> {
  if (status === 'OPEN') return { status: 'OPEN', responseDeadline: trusted({ $gt: now }) };
  if (status === 'CLOSED') return { $or: [{ status: 'CLOSED' }, { status: 'OPEN', responseDeadline: trusted({ $lte: now }) }] };
  return { status };
}

function filterConditions(actor: Actor, filter: ChallengeFilter, now: Date): Record<string, unknown>[] {
  const conditions: Record<string, unknown>[] = [];
  if (filter.sectors && filter.sectors.length > 0) conditions.push({ sectors: trusted({ $in: filter.sectors }) });
  if (filter.region) conditions.push({ region: filter.region });
  if (filter.status) conditions.push(effectiveStatusIs(filter.status, now));
  if (filter.mine) conditions.push(inOwnOrganisations(actor));
  if (filter.organisationId) {
    conditions.push({ organisationId: filterObjectId('filter.organisationId', filter.organisationId) });
  }
  return conditions;
}

/**
 * Lists challenges newest first, as of now. A status filter narrows what the actor may see, never
 * widens it: a start-up asking for DRAFTs gets none but its own organisations'.
 */
export async function listChallenges(ctx: ServiceContext, { filter, first, after }: ListArgs<ChallengeFilter>): Promise<ChallengePage> {
  const conditions = [visibleCondition(challengeVisibility, ctx.actor, ctx.now), ...filterConditions(ctx.actor, filter ?? {}, ctx.now)];
  const page = await findPage(ChallengeModel, conditions, first, after);
  return { ...page, edges: page.edges.map((edge) => ({ ...edge, node: asOf(edge.node, ctx.now) })) };
}

/** Members of a public body (verified or not) start a DRAFT for it; nothing else can create one. */
export async function createChallenge(ctx: ServiceContext, input: CreateChallengeInput): Promise<ChallengeRecord> {
  const user = requireUser(ctx.actor);
  if (!challengePolicy.canCreateFor(ctx.actor, input.organisationId)) {
    throw forbidden('Only members of a public body can create challenges for it.');
  }
  const { organisationId, ...fields } = parseInput(createChallengeSchema, dropNulls(input));
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
  const loaded = await load(ctx, input.challengeId);
  challengeLifecycle.assertRole(loaded.challenge, 'UPDATE', ctx);
  const { challengeId: _challengeId, expectedVersion, ...changes } = parseInput(updateChallengeSchema, dropNulls(input));
  return fire(ctx, loaded, expectedVersion, 'UPDATE', (challenge) => {
    throwIfAny([
      ...crossFieldProblems({ ...challenge, ...changes }),
      ...(changes.responseDeadline ? deadlineProblems(changes.responseDeadline, ctx.now) : []),
    ]);
    return changes;
  });
}

/** Owners of a verified public body send a DRAFT to staff for review. */
export function submitChallenge(ctx: ServiceContext, input: ChallengeTransitionInput): Promise<ChallengeRecord> {
  return transition(ctx, input, 'SUBMIT', (challenge) => {
    throwIfAny(deadlineProblems(challenge.responseDeadline, ctx.now));
    return { submittedAt: ctx.now };
  });
}

/** Staff open a reviewed challenge to start-ups. */
export function publishChallenge(ctx: ServiceContext, input: ChallengeTransitionInput): Promise<ChallengeRecord> {
  const staff = requireUser(ctx.actor);
  return transition(ctx, input, 'PUBLISH', (challenge) => {
    throwIfAny(deadlineProblems(challenge.responseDeadline, ctx.now));
    return { publishedAt: ctx.now, publishedBy: toObjectId('User', staff.userId), staffFeedback: null };
  });
}

/** Staff send a submitted challenge back to DRAFT with what to change. */
export function requestChallengeChanges(ctx: ServiceContext, input: RequestChallengeChangesInput): Promise<ChallengeRecord> {
  return transition(ctx, input, 'REQUEST_CHANGES', () => ({
    staffFeedback: parseInput(challengeFeedbackSchema, { feedback: input.feedback }).feedback,
  }));
}

/** The owner or staff stop accepting responses before the deadline. */
export function closeChallenge(ctx: ServiceContext, input: ChallengeTransitionInput): Promise<ChallengeRecord> {
  return transition(ctx, input, 'CLOSE', () => ({ closedAt: ctx.now, closeReason: 'CLOSED_EARLY' }));
}

/** The owner takes back a challenge that has not closed. */
export function withdrawChallenge(ctx: ServiceContext, input: ChallengeTransitionInput): Promise<ChallengeRecord> {
  return transition(ctx, input, 'WITHDRAW', () => ({ withdrawnAt: ctx.now }));
}

/** The owner or staff file away a closed or withdrawn challenge. */
export function archiveChallenge(ctx: ServiceContext, input: ChallengeTransitionInput): Promise<ChallengeRecord> {
  return transition(ctx, input, 'ARCHIVE', () => ({ archivedAt: ctx.now }));
}

/** A person's transition: the challenge they may see, then the lifecycle. */
async function transition(
  ctx: ServiceContext,
  input: ChallengeTransitionInput,
  event: ChallengeEvent,
  changes: (challenge: ChallengeRecord) => Partial<ChallengeRecord>,
): Promise<ChallengeRecord> {
  requireUser(ctx.actor);
  const { id, expectedVersion } = parseTransitionInput('challengeId', { challengeId: input.challengeId, expectedVersion: input.expectedVersion });
  return fire(ctx, await load(ctx, id), expectedVersion, event, changes);
}

/**
 * Fires through the lifecycle on the record as readers see it, and writes against the stored one.
 * A challenge that expired unswept is closed in the same write, so what is stored never contradicts
 * what was shown (an ARCHIVE of an expired challenge also stores its deadline close).
 */
function fire(
  ctx: ServiceContext,
  { stored, challenge }: LoadedChallenge,
  expectedVersion: number,
  event: ChallengeEvent,
  changes: (challenge: ChallengeRecord) => Partial<ChallengeRecord>,
): Promise<ChallengeRecord> {
  return challengeLifecycle.fire(challenge, event, ctx, {
    changes,
    save: (update, transition) =>
      saveVersioned(
        ChallengeModel,
        'challenge',
        stored,
        expectedVersion,
        { ...(isExpired(stored, ctx.now) ? expiryFields(stored) : {}), ...update },
        transition,
      ),
  });
}

/**
 * The deadline sweeper's pass: stores the close of up to `limit` challenges whose deadline has
 * passed, as the platform, through the lifecycle (role PLATFORM, guarded by the deadline) and the
 * version-checked write. Sweepers may race: each close lands exactly once, and the losers' writes
 * find the version moved and skip. Returns how many this pass closed.
 */
export async function closeExpiredChallenges(ctx: ServiceContext, limit = 100): Promise<number> {
  if (!challengePolicy.canSweepDeadlines(ctx.actor)) throw forbidden('Only the platform sweeps challenge deadlines.');
  const expired = await ChallengeModel.find({ status: 'OPEN', responseDeadline: trusted({ $lte: ctx.now }) })
    .sort({ responseDeadline: 1 })
    .limit(limit)
    .lean();
  let closed = 0;
  for (const challenge of expired) {
    try {
      await challengeLifecycle.fire(challenge, 'CLOSE', ctx, {
        changes: () => expiryFields(challenge),
        save: (update, transition) => saveVersioned(ChallengeModel, 'challenge', challenge, challenge.version, update, transition),
      });
      closed += 1;
    } catch (error) {
      // Someone else stored a change first (another sweeper, an owner closing or withdrawing it).
      if (error instanceof AppError && error.code === 'VERSION_CONFLICT') continue;
      throw error;
    }
  }
  return closed;
}

/** Open challenges still taking responses (public to everyone), for the matcher's other direction. */
export function openChallenges(ctx: ServiceContext, ids?: readonly string[]): Promise<ChallengeRecord[]> {
  const narrowing = ids ? { _id: trusted({ $in: ids.filter((id) => /^[0-9a-f]{24}$/i.test(id)).map((id) => toObjectId('Challenge', id)) }) } : {};
  return ChallengeModel.find({ status: 'OPEN', responseDeadline: trusted({ $gt: ctx.now }), ...narrowing }).lean();
}
