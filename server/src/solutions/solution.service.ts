import { z } from 'zod';
import { trusted } from '../db/trusted';
import { filterObjectId, toObjectId } from '../db/ids';
import { saveVersioned } from '../db/versioned-write';
import { findPage, type CountedPage } from '../db/find-page';
import { inOwnOrganisations } from '../db/ownership';
import { visibleCondition } from '../db/visibility';
import { requireUser } from '../shared/actor';
import type { ServiceContext } from '../context/service-context';
import type { ListArgs } from '../shared/pagination';
import { badInput, forbidden, notFound } from '../shared/errors';
import { parseTransitionInput } from '../shared/lifecycle';
import { regionSchema, sdlEnum, sectorsSchema } from '../contract/taxonomy';
import { assertTrl, distinct, dropNulls, parseInput, tagsSchema, text } from '../shared/validation';
import type {
  Accreditation,
  CreateSolutionInput,
  EvidenceKind,
  PricingModel,
  SolutionEvent,
  SolutionFilter,
  SolutionTransitionInput,
  UpdateSolutionInput,
} from '../contract/generated/resolvers-types';
import { SolutionModel, type SolutionRecord, type SolutionTrackRecordRecord } from './solution.model';
import { solutionPolicy, solutionVisibility } from './solution.policy';
import { solutionLifecycle } from './solution.lifecycle';

const MAX_PRICE_GBP = 100_000_000;
const gbp = z.int().min(0).max(MAX_PRICE_GBP);

const evidenceSchema = z
  .strictObject({
    kind: sdlEnum<EvidenceKind>('EvidenceKind'),
    description: text(10, 2000),
    url: z.url({ protocol: /^https?$/ }).max(500).optional(),
    accreditation: z
      .strictObject({ type: sdlEnum<Accreditation>('Accreditation'), issuer: text(2, 200), expiresAt: z.date() })
      .optional(),
  })
  .refine((item) => (item.kind === 'ACCREDITATION') === (item.accreditation !== undefined), {
    path: ['accreditation'],
    message: 'is required for ACCREDITATION evidence and only allowed for it',
  });

/** Every field a start-up writes; status, owner and audit fields are not among them, so no input can set them. */
const solutionFields = {
  name: text(2, 120),
  summary: text(10, 500),
  description: text(20, 10_000),
  sectors: sectorsSchema,
  tags: tagsSchema,
  capabilities: z.array(text(2, 80)).max(20).transform(distinct),
  trl: z.int().min(1).max(9),
  regionsServed: z.array(regionSchema).min(1).max(13).transform(distinct),
  pricingModel: sdlEnum<PricingModel>('PricingModel'),
  priceMinGbp: gbp,
  priceMaxGbp: gbp,
  evidence: z.array(evidenceSchema).max(30),
};

const createSchema = z.strictObject({
  organisationId: z.string(),
  ...solutionFields,
  tags: solutionFields.tags.default([]),
  capabilities: solutionFields.capabilities.default([]),
  evidence: solutionFields.evidence.default([]),
});

const updateSchema = z.strictObject({
  solutionId: z.string(),
  expectedVersion: z.int(),
  ...z.object(solutionFields).partial().shape,
});

function assertPriceRange(fields: Pick<SolutionRecord, 'priceMinGbp' | 'priceMaxGbp'>): void {
  if (fields.priceMinGbp > fields.priceMaxGbp) throw badInput([{ field: 'priceMaxGbp', message: 'must be at least priceMinGbp' }]);
}

/** Loads a solution the actor may see, else NOT_FOUND (hidden and missing look the same). */
export async function getSolution(ctx: ServiceContext, id: string): Promise<SolutionRecord> {
  const solution = await SolutionModel.findById(toObjectId('Solution', id)).lean();
  if (!solution || !solutionPolicy.canSee(ctx.actor, solution)) throw notFound('Solution', id);
  return solution;
}

/** A page of solutions plus how many match in all. */
export type SolutionPage = CountedPage<SolutionRecord>;

function filterConditions({ actor, now }: ServiceContext, filter: SolutionFilter): Record<string, unknown>[] {
  const conditions: Record<string, unknown>[] = [visibleCondition(solutionVisibility, actor, now)];
  if (filter.sectors && filter.sectors.length > 0) conditions.push({ sectors: trusted({ $in: filter.sectors }) });
  if (filter.regions && filter.regions.length > 0) conditions.push({ regionsServed: trusted({ $in: [...filter.regions, 'UK_WIDE'] }) });
  assertTrl('filter.minTrl', filter.minTrl);
  if (filter.minTrl != null) conditions.push({ trl: trusted({ $gte: filter.minTrl }) });
  if (filter.status) conditions.push({ status: filter.status });
  if (filter.mine) conditions.push(inOwnOrganisations(actor));
  if (filter.organisationId) conditions.push({ organisationId: filterObjectId('filter.organisationId', filter.organisationId) });
  return conditions;
}

/** Lists solutions newest first; filters narrow what the actor may see, never widen it. */
export async function listSolutions(ctx: ServiceContext, { filter, first, after }: ListArgs<SolutionFilter>): Promise<SolutionPage> {
  return findPage(SolutionModel, filterConditions(ctx, filter ?? {}), first, after);
}

/** Members of a start-up (verified or not) start a DRAFT profile for it. */
export async function createSolution(ctx: ServiceContext, input: CreateSolutionInput): Promise<SolutionRecord> {
  const user = requireUser(ctx.actor);
  if (!solutionPolicy.canCreateFor(ctx.actor, input.organisationId)) {
    throw forbidden('Only members of a start-up can create solutions for it.');
  }
  const { organisationId, ...fields } = parseInput(createSchema, dropNulls(input));
  assertPriceRange(fields);
  const solution = await SolutionModel.create({
    ...fields,
    organisationId: toObjectId('Organisation', organisationId),
    createdBy: toObjectId('User', user.userId),
    status: 'DRAFT',
    version: 1,
  });
  return solution.toObject();
}

/** The start-up edits its profile while DRAFT or PUBLISHED. */
export async function updateSolution(ctx: ServiceContext, input: UpdateSolutionInput): Promise<SolutionRecord> {
  requireUser(ctx.actor);
  const solution = await getSolution(ctx, input.solutionId);
  solutionLifecycle.assertRole(solution, 'UPDATE', ctx);
  const { solutionId: _solutionId, expectedVersion, ...changes } = parseInput(updateSchema, dropNulls(input));
  return fire(ctx, solution, expectedVersion, 'UPDATE', () => {
    assertPriceRange({ ...solution, ...changes });
    return changes;
  });
}

/** Members of a verified start-up make a solution public, so it can be matched and used in responses. */
export function publishSolution(ctx: ServiceContext, input: SolutionTransitionInput): Promise<SolutionRecord> {
  return transition(ctx, input, 'PUBLISH', () => ({ publishedAt: ctx.now }));
}

/** The start-up takes a published solution back to DRAFT. */
export function unpublishSolution(ctx: ServiceContext, input: SolutionTransitionInput): Promise<SolutionRecord> {
  return transition(ctx, input, 'UNPUBLISH', () => ({}));
}

/** The start-up retires a solution, or staff take one down. */
export function archiveSolution(ctx: ServiceContext, input: SolutionTransitionInput): Promise<SolutionRecord> {
  return transition(ctx, input, 'ARCHIVE', () => ({ archivedAt: ctx.now }));
}

async function transition(
  ctx: ServiceContext,
  input: SolutionTransitionInput,
  event: SolutionEvent,
  changes: () => Partial<SolutionRecord>,
): Promise<SolutionRecord> {
  requireUser(ctx.actor);
  const { id, expectedVersion } = parseTransitionInput('solutionId', { solutionId: input.solutionId, expectedVersion: input.expectedVersion });
  return fire(ctx, await getSolution(ctx, id), expectedVersion, event, changes);
}

function fire(
  ctx: ServiceContext,
  solution: SolutionRecord,
  expectedVersion: number,
  event: SolutionEvent,
  changes: () => Partial<SolutionRecord>,
): Promise<SolutionRecord> {
  return solutionLifecycle.fire(solution, event, ctx, {
    changes,
    save: (update, transition) => saveVersioned(SolutionModel, 'solution', solution, expectedVersion, update, transition),
  });
}

/**
 * Replaces a solution's track record with one the platform derived from its completed pilots.
 * Whole, and idempotent: a redelivered event writes the same record again. Not a lifecycle
 * change, so no version bump; the matcher's corpus notices it through updatedAt.
 */
export async function recordTrackRecord(ctx: ServiceContext, solutionId: string, trackRecord: SolutionTrackRecordRecord): Promise<void> {
  if (!solutionPolicy.canRecordTrackRecord(ctx.actor)) throw forbidden('Track records are derived by the platform from completed pilots.');
  await SolutionModel.updateOne({ _id: toObjectId('Solution', solutionId) }, { $set: { trackRecord } });
}

/** Published solutions among `ids` (public to everyone), for the matcher's candidate pool. */
export function publishedSolutionsByIds(_ctx: ServiceContext, ids: readonly string[]): Promise<SolutionRecord[]> {
  const objectIds = ids.filter((id) => /^[0-9a-f]{24}$/i.test(id)).map((id) => toObjectId('Solution', id));
  return SolutionModel.find({ _id: trusted({ $in: objectIds }), status: 'PUBLISHED' }).lean();
}

/** Every published solution, streamed: the matcher keeps its corpus statistics from these. */
export async function* eachPublishedSolution(_ctx: ServiceContext): AsyncGenerator<SolutionRecord> {
  for await (const solution of SolutionModel.find({ status: 'PUBLISHED' }).lean<SolutionRecord[]>().cursor()) yield solution as SolutionRecord;
}

/** A fingerprint of the published corpus (count and latest change), so a cache built from it knows when it is stale. */
export async function publishedSolutionsFingerprint(_ctx: ServiceContext): Promise<string> {
  const [count, latest] = await Promise.all([
    SolutionModel.countDocuments({ status: 'PUBLISHED' }),
    SolutionModel.findOne({}).sort({ updatedAt: -1 }).select({ updatedAt: 1 }).lean(),
  ]);
  return `${count}:${latest?.updatedAt?.getTime() ?? 0}`;
}
