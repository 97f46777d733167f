import { z } from 'zod';
import { Types } from 'mongoose';
import { toObjectId } from '../db/ids';
import { isDuplicateKey } from '../db/duplicate-key';
import { findPage, type CountedPage } from '../db/find-page';
import { inOwnOrganisations } from '../db/ownership';
import { saveVersioned } from '../db/versioned-write';
import { createdWithEvent, eventUpdate } from '../db/domain-events';
import type { ServiceContext } from '../context/service-context';
import { isStaff, requireUser } from '../shared/actor';
import { AppError, badInput, forbidden, notFound, unauthenticated } from '../shared/errors';
import type { ListArgs } from '../shared/pagination';
import { dropNulls, parseInput, text } from '../shared/validation';
import { sdlEnum } from '../contract/taxonomy';
import type {
  AddPilotMilestoneInput,
  CancelPilotInput,
  CompletePilotInput,
  CompletePilotMilestoneInput,
  PilotEvent,
  PilotOutcomeKind,
  PilotTransitionInput,
  PostPilotUpdateInput,
  RecordPilotMeasurementInput,
  RefinePilotKpisInput,
  StartPilotInput,
} from '../contract/generated/resolvers-types';
import { kpiSchema } from '../challenges/challenge.input';
import { getForResponding } from '../challenges/challenge.service';
import { getMatch } from '../matching/match.service';
import { PilotModel, type PilotRecord } from './pilot.model';
import { pilotLifecycle } from './pilot.lifecycle';
import { pilotPolicy } from './pilot.policy';


const pilotId = z.string();
const expectedVersion = z.int();
const refineSchema = z.strictObject({
  pilotId,
  expectedVersion,
  kpis: z
    .array(kpiSchema)
    .min(1)
    .max(10)
    .refine((kpis) => new Set(kpis.map((kpi) => kpi.name)).size === kpis.length, 'must not name the same KPI twice'),
});
const completeSchema = z
  .strictObject({
    pilotId,
    expectedVersion,
    outcome: sdlEnum<PilotOutcomeKind>('PilotOutcomeKind'),
    contractValueGbp: z.int().min(0).max(1_000_000_000).optional(),
    contractStartsOn: z.date().optional(),
    contractEndsOn: z.date().optional(),
    stopReason: text(10, 2000).optional(),
  })
  .superRefine((input, context) => {
    const need = (field: keyof typeof input, when: string) => {
      if (input[field] === undefined) context.addIssue({ code: 'custom', path: [field], message: `is required when the outcome is ${when}` });
    };
    const refuse = (field: keyof typeof input) => {
      if (input[field] !== undefined) context.addIssue({ code: 'custom', path: [field], message: `does not apply to a ${input.outcome} outcome` });
    };
    const contract = ['contractValueGbp', 'contractStartsOn', 'contractEndsOn'] as const;
    if (input.outcome === 'ADOPTED') contract.forEach((field) => need(field, 'ADOPTED'));
    else contract.forEach(refuse);
    if (input.outcome === 'STOPPED') need('stopReason', 'STOPPED');
    else refuse('stopReason');
    if (input.contractStartsOn && input.contractEndsOn && input.contractEndsOn <= input.contractStartsOn) {
      context.addIssue({ code: 'custom', path: ['contractEndsOn'], message: 'must be after contractStartsOn' });
    }
  });
const cancelSchema = z.strictObject({ pilotId, expectedVersion, reason: text(10, 2000) });
const milestoneSchema = z.strictObject({
  pilotId,
  title: text(3, 200),
  deliverable: text(3, 2000),
  successCriterion: text(3, 2000),
  dueOn: z.date(),
});
const completeMilestoneSchema = z.strictObject({ pilotId, milestoneId: z.string(), doneOn: z.date().optional() });
const measurementSchema = z.strictObject({
  pilotId,
  kpiName: z.string(),
  value: z.number().finite(),
  measuredOn: z.date().optional(),
  note: text(1, 1000).optional(),
});
const updateSchema = z.strictObject({ pilotId, text: text(2, 2000) });

/** Loads a pilot the actor may see; to anyone else it does not exist. */
export async function getPilot(ctx: ServiceContext, id: string): Promise<PilotRecord> {
  if (ctx.actor.kind === 'anonymous') throw unauthenticated();
  const pilot = await PilotModel.findById(toObjectId('Pilot', id)).lean();
  if (!pilot || !pilotPolicy.canSee(ctx.actor, pilot)) throw notFound('Pilot', id);
  return pilot;
}

/** Staff see every pilot; everyone else the pilots of their organisations. Newest first. */
export function myPilots(ctx: ServiceContext, { first, after }: ListArgs<never>): Promise<CountedPage<PilotRecord>> {
  requireUser(ctx.actor);
  const conditions = isStaff(ctx.actor)
    ? []
    : [{ $or: [inOwnOrganisations(ctx.actor, 'challengeOrganisationId'), inOwnOrganisations(ctx.actor, 'solutionOrganisationId')] }];
  return findPage(PilotModel, conditions, first, after);
}

/**
 * Turns an ACCEPTED match into its pilot, exactly once. The unique index on matchId decides
 * every race: whoever loses it, or repeats the call, gets the pilot that exists.
 */
export async function startPilot(ctx: ServiceContext, input: StartPilotInput): Promise<PilotRecord> {
  const user = requireUser(ctx.actor);
  const { matchId } = parseInput(z.strictObject({ matchId: z.string() }), input);
  const match = await getMatch(ctx, matchId);
  if (!pilotPolicy.canStart(ctx.actor, match)) throw forbidden('Only staff and the two sides of the introduction start its pilot.');
  const existing = await PilotModel.findOne({ matchId: match._id }).lean();
  if (existing) return existing;
  if (match.status !== 'ACCEPTED') {
    throw new AppError('NOT_ELIGIBLE', `Only an ACCEPTED match becomes a pilot; this one is ${match.status}.`, { currentState: match.status });
  }
  // The match was introduced on a published challenge, so both sides may still address it, whatever its state now.
  const challenge = await getForResponding(ctx, match.challengeId.toHexString());
  try {
    const created = await PilotModel.create({
      matchId: match._id,
      challengeId: match.challengeId,
      challengeOrganisationId: match.challengeOrganisationId,
      solutionId: match.solutionId,
      solutionOrganisationId: match.solutionOrganisationId,
      status: pilotLifecycle.initial,
      kpis: challenge.kpis.map(({ name, unit, baseline, target, direction }) => ({ name, unit, baseline, target, direction, measurements: [] })),
      plannedLengthWeeks: challenge.pilotLengthWeeks,
      createdBy: new Types.ObjectId(user.userId),
      // On the request's clock, as every later transition is, so reports measure introduction to pilot on one clock.
      createdAt: ctx.now,
      // The pilot starts with its insert, so the START event is stored with it: it lands exactly once, with the one pilot.
      ...createdWithEvent({ name: 'pilot.START', at: ctx.now, actorId: user.userId, to: pilotLifecycle.initial }),
    });
    ctx.events.publish({ name: 'pilot.START', recordId: created._id.toHexString(), at: ctx.now });
    return created.toObject();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const winner = await PilotModel.findOne({ matchId: match._id }).lean();
    if (!winner) throw error;
    return winner;
  }
}

/** Staff or either side replace the KPIs while the pilot is PLANNING. */
export async function refinePilotKpis(ctx: ServiceContext, input: RefinePilotKpisInput): Promise<PilotRecord> {
  const pilot = await getPilot(ctx, input.pilotId);
  pilotLifecycle.assertRole(pilot, 'REFINE_KPIS', ctx);
  const { kpis } = parseInput(refineSchema, input);
  return fire(ctx, pilot, 'REFINE_KPIS', input.expectedVersion, () => ({ kpis: kpis.map((kpi) => ({ ...kpi, measurements: [] })) }));
}

export async function goLivePilot(ctx: ServiceContext, input: PilotTransitionInput): Promise<PilotRecord> {
  const { expectedVersion: version } = parseInput(z.strictObject({ pilotId, expectedVersion }), input);
  return fire(ctx, await getPilot(ctx, input.pilotId), 'GO_LIVE', version, () => ({ liveAt: ctx.now }));
}

export async function startPilotEvaluation(ctx: ServiceContext, input: PilotTransitionInput): Promise<PilotRecord> {
  const { expectedVersion: version } = parseInput(z.strictObject({ pilotId, expectedVersion }), input);
  return fire(ctx, await getPilot(ctx, input.pilotId), 'START_EVALUATION', version, () => ({ evaluatingAt: ctx.now }));
}

/** Ends an EVALUATING pilot with its outcome: a contract, an extension, or a stop with the reason. */
export async function completePilot(ctx: ServiceContext, input: CompletePilotInput): Promise<PilotRecord> {
  const pilot = await getPilot(ctx, input.pilotId);
  pilotLifecycle.assertRole(pilot, 'COMPLETE', ctx);
  const { outcome: kind, contractValueGbp, contractStartsOn, contractEndsOn, stopReason, expectedVersion: version } = parseInput(completeSchema, dropNulls(input));
  return fire(ctx, pilot, 'COMPLETE', version, () => ({
    completedAt: ctx.now,
    outcome: { kind, contractValueGbp, contractStartsOn, contractEndsOn, stopReason },
  }));
}

export async function cancelPilot(ctx: ServiceContext, input: CancelPilotInput): Promise<PilotRecord> {
  const pilot = await getPilot(ctx, input.pilotId);
  pilotLifecycle.assertRole(pilot, 'CANCEL', ctx);
  const { reason, expectedVersion: version } = parseInput(cancelSchema, input);
  return fire(ctx, pilot, 'CANCEL', version, () => ({ cancelledAt: ctx.now, cancelReason: reason }));
}

/** A lifecycle event through the one versioned write, which records its domain event with it. */
function fire(ctx: ServiceContext, pilot: PilotRecord, event: PilotEvent, version: number, changes: () => Partial<PilotRecord>): Promise<PilotRecord> {
  return pilotLifecycle.fire(pilot, event, ctx, {
    changes,
    save: (update, transition) => saveVersioned(PilotModel, 'pilot', pilot, version, update, transition),
  });
}

/** How often in-place work is retried when only the version moved (someone else recorded at the same moment). */
const APPEND_ATTEMPTS = 5;

/**
 * Work recorded in place (milestones, measurements, updates) needs no expected version from the
 * caller, so that two people recording at once both succeed; the write is conditional on the
 * state the lifecycle allowed it in, so nothing lands on a pilot that has since ended. Its domain
 * event (`subject` names the KPI or milestone) is recorded in the same write, at the version it
 * produces, so the write is conditional on the version read too and retried when only that moved.
 */
async function appendTo(
  ctx: ServiceContext,
  pilot: PilotRecord,
  event: PilotEvent,
  update: { filter?: Record<string, unknown>; change: Record<string, unknown>; subject?: string },
): Promise<PilotRecord> {
  pilotLifecycle.authorise(pilot, event, ctx);
  const actorId = ctx.actor.kind === 'user' ? ctx.actor.userId : undefined;
  const change = update.change as { $set?: Record<string, unknown>; $push?: Record<string, unknown> };
  let version = pilot.version;
  for (let attempt = 1; ; attempt += 1) {
    const recorded = eventUpdate({ name: `pilot.${event}`, at: ctx.now, actorId, from: pilot.status, to: pilot.status, subject: update.subject }, version + 1);
    const saved = await PilotModel.findOneAndUpdate(
      { _id: pilot._id, status: pilot.status, version, ...update.filter },
      { ...change, $set: { ...change.$set, ...recorded.$set }, $push: { ...change.$push, ...recorded.$push }, $inc: { version: 1 } },
      { returnDocument: 'after' },
    ).lean();
    if (saved) return saved;
    const current = await PilotModel.findById(pilot._id).select({ status: 1, version: 1 }).lean();
    if (current && current.status === pilot.status && current.version !== version && attempt < APPEND_ATTEMPTS) {
      version = current.version;
      continue;
    }
    throw new AppError('CONFLICT', `The pilot changed meanwhile: it is now ${current?.status ?? 'gone'}.`, {
      currentState: current?.status,
      currentVersion: current?.version,
    });
  }
}

export async function addPilotMilestone(ctx: ServiceContext, input: AddPilotMilestoneInput): Promise<PilotRecord> {
  const pilot = await getPilot(ctx, input.pilotId);
  pilotLifecycle.assertRole(pilot, 'ADD_MILESTONE', ctx);
  const { title, deliverable, successCriterion, dueOn } = parseInput(milestoneSchema, input);
  return appendTo(ctx, pilot, 'ADD_MILESTONE', { change: { $push: { milestones: { title, deliverable, successCriterion, dueOn } } } });
}

export async function completePilotMilestone(ctx: ServiceContext, input: CompletePilotMilestoneInput): Promise<PilotRecord> {
  const pilot = await getPilot(ctx, input.pilotId);
  pilotLifecycle.assertRole(pilot, 'COMPLETE_MILESTONE', ctx);
  const { milestoneId, doneOn = ctx.now } = parseInput(completeMilestoneSchema, dropNulls(input));
  const index = pilot.milestones.findIndex((candidate) => candidate._id.toHexString() === milestoneId);
  if (index < 0) throw notFound('Milestone', milestoneId);
  if (pilot.milestones[index]!.doneOn) throw new AppError('CONFLICT', 'This milestone is already done.');
  if (doneOn > ctx.now) throw badInput([{ field: 'doneOn', message: 'must not be in the future' }]);
  // Milestones are only ever appended, so the position read stays this milestone's; addressing it by
  // position keeps "still not done" in the same conditional write (the test server lacks $elemMatch positional updates).
  const at = `milestones.${index}`;
  return appendTo(ctx, pilot, 'COMPLETE_MILESTONE', {
    filter: { [`${at}._id`]: pilot.milestones[index]!._id, [`${at}.doneOn`]: null },
    change: { $set: { [`${at}.doneOn`]: doneOn } },
    subject: milestoneId,
  });
}

/** Either side or staff record a KPI's value on a LIVE or EVALUATING pilot. */
export async function recordPilotMeasurement(ctx: ServiceContext, input: RecordPilotMeasurementInput): Promise<PilotRecord> {
  const user = requireUser(ctx.actor);
  const pilot = await getPilot(ctx, input.pilotId);
  pilotLifecycle.assertRole(pilot, 'RECORD_MEASUREMENT', ctx);
  const { kpiName, value, measuredOn = ctx.now, note } = parseInput(measurementSchema, dropNulls(input));
  if (!pilot.kpis.some((kpi) => kpi.name === kpiName)) {
    throw badInput([{ field: 'kpiName', message: `is not one of this pilot's KPIs (${pilot.kpis.map((kpi) => kpi.name).join('; ')})` }]);
  }
  if (measuredOn > ctx.now) throw badInput([{ field: 'measuredOn', message: 'must not be in the future' }]);
  const measurement = { value, measuredOn, note, recordedByUserId: new Types.ObjectId(user.userId), recordedAt: ctx.now };
  return appendTo(ctx, pilot, 'RECORD_MEASUREMENT', {
    filter: { 'kpis.name': kpiName },
    change: { $push: { 'kpis.$.measurements': measurement } },
    subject: kpiName,
  });
}

/** A short progress note, signed with the side (or staff) it comes from. */
export async function postPilotUpdate(ctx: ServiceContext, input: PostPilotUpdateInput): Promise<PilotRecord> {
  const user = requireUser(ctx.actor);
  const pilot = await getPilot(ctx, input.pilotId);
  pilotLifecycle.assertRole(pilot, 'POST_UPDATE', ctx);
  const { text: note } = parseInput(updateSchema, input);
  const party = pilotPolicy.partyOf(ctx.actor, pilot)!;
  return appendTo(ctx, pilot, 'POST_UPDATE', {
    change: { $push: { updates: { text: note, byUserId: new Types.ObjectId(user.userId), party, at: ctx.now } } },
  });
}
