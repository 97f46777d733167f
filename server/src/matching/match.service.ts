import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Types } from 'mongoose';
import { trusted } from '../db/trusted';
import { filterObjectId, toObjectId } from '../db/ids';
import { findPage, type CountedPage } from '../db/find-page';
import { inOwnOrganisations } from '../db/ownership';
import type { ServiceContext } from '../context/service-context';
import { type Actor, requireUser } from '../shared/actor';
import { AppError, forbidden, notFound, unauthenticated } from '../shared/errors';
import { decodeOffsetCursor, encodeOffsetCursor, pageSize, type ListArgs, type Page } from '../shared/pagination';
import { dropNulls, parseInput } from '../shared/validation';
import { SearchUnavailableError } from '../search/search-engine';
import { sdlEnum } from '../contract/taxonomy';
import type {
  AddMatchInput,
  AddMatchNoteInput,
  BulkRejectMatchesInput,
  BulkShortlistMatchesInput,
  DeclineMatchInput,
  MatchEvent,
  MatchQueueFilter,
  MatchRejectionReason,
  MatchSource,
  MatchStatus,
  MatchTransitionInput,
  RejectMatchInput,
  SuggestMatchesInput,
} from '../contract/generated/resolvers-types';
import type { ChallengeRecord } from '../challenges/challenge.model';
import { getChallenge, openChallenges } from '../challenges/challenge.service';
import type { SolutionRecord } from '../solutions/solution.model';
import { getSolution, publishedSolutionsByIds } from '../solutions/solution.service';
import { lexicalQuery } from '../search/lexical-relevance';
import { CANDIDATE_OPTIONS, requirementsFilter, retrieveCandidates } from './match-candidates';
import { challengeStatistics, solutionStatistics } from './match-corpus';
import { challengeText, challengeVectorText, matchChallengeOf, matchSolutionOf, solutionText } from './match-profiles';
import { rankCandidates, rankChallengesFor, type RankedMatch } from './match-ranking';
import { explainMatch, type ExplanationRecord } from './match-scoring';
import { DEFAULT_WEIGHTS, type FeatureWeights } from './match-weights';
import { LearnedWeightsModel } from './match-weights.model';
import { MatchModel, type MatchRecord, type MatchTransitionRecord } from './match.model';
import { matchLifecycle, type MatchLifecycleEvent } from './match.lifecycle';
import { matchPolicy, partyOf } from './match.policy';

/** How many suggestions a run keeps per challenge: what staff look at, and a little more. */
export const SUGGESTIONS_PER_CHALLENGE = 20;
const NEAR_MISSES_PER_RUN = 5;
const MAX_BULK = 100;

const note = z.string().trim().min(1).max(2000);
const transitionSchema = z.strictObject({ matchId: z.string(), expectedVersion: z.int().optional(), note: note.optional() });
const declineSchema = z.strictObject({ matchId: z.string(), expectedVersion: z.int().optional(), reason: z.string().trim().min(10).max(2000) });
const rejectSchema = z.strictObject({
  matchId: z.string(),
  expectedVersion: z.int().optional(),
  reason: sdlEnum<MatchRejectionReason>('MatchRejectionReason'),
  note: note.optional(),
});
const bulkIds = z.array(z.string()).min(1).max(MAX_BULK);
const noteSchema = z.strictObject({ matchId: z.string(), text: note });

/** The weights in force and where they came from. */
export interface WeightsInForce {
  weights: FeatureWeights;
  origin: 'DEFAULT' | 'LEARNED';
  adoptedAt: Date | null;
}

/** The weights the matcher uses now: learnt ones once adopted, else the documented defaults. */
export async function weightsInForce(_ctx: ServiceContext): Promise<WeightsInForce> {
  const learned = await LearnedWeightsModel.findOne({ key: 'in-force' }).lean();
  return learned
    ? { weights: { ...DEFAULT_WEIGHTS, ...learned.weights }, origin: 'LEARNED', adoptedAt: learned.adoptedAt }
    : { weights: DEFAULT_WEIGHTS, origin: 'DEFAULT', adoptedAt: null };
}

/** Staff see the weights in force. */
export function matchingWeights(ctx: ServiceContext): Promise<WeightsInForce> {
  requireStaff(ctx.actor);
  return weightsInForce(ctx);
}

function requireStaff(actor: Actor): void {
  if (actor.kind === 'anonymous') throw unauthenticated();
  if (!matchPolicy.canCurate(actor)) throw forbidden('Only accelerator staff curate matches.');
}

/**
 * What the two records say, as far as matching reads them. A rejected pair comes back only when
 * this changes: a new word in the need, a new accreditation, a new region, not a typo elsewhere.
 */
export function materialKeyOf(challenge: ChallengeRecord, solution: SolutionRecord): string {
  const material = {
    challenge: [challengeText(challenge), challenge.sectors, challenge.region, challenge.minTrl, challenge.requiredAccreditations, challenge.budgetMaxGbp],
    solution: [
      solutionText(solution),
      solution.sectors,
      solution.regionsServed,
      solution.trl,
      solution.priceMinGbp,
      solution.evidence.map((item) => [item.kind, item.accreditation?.type, item.accreditation?.expiresAt?.toISOString()]),
    ],
  };
  return createHash('sha256').update(JSON.stringify(material)).digest('base64url');
}

/** Loads a match the actor may see, else NOT_FOUND: an un-introduced suggestion is invisible to both sides. */
export async function getMatch(ctx: ServiceContext, id: string): Promise<MatchRecord> {
  if (ctx.actor.kind === 'anonymous') throw unauthenticated();
  const match = await MatchModel.findById(toObjectId('Match', id)).lean();
  if (!match || !matchPolicy.canSee(ctx.actor, match)) throw notFound('Match', id);
  return match;
}

const historyEntry = (
  ctx: ServiceContext,
  match: Pick<MatchRecord, 'explanation'>,
  entry: Omit<MatchTransitionRecord, 'at' | 'features' | 'byUserId'>,
): MatchTransitionRecord => ({
  ...entry,
  at: ctx.now,
  byUserId: ctx.actor.kind === 'user' ? new Types.ObjectId(ctx.actor.userId) : null,
  features: match.explanation.features,
});

const isDuplicateKey = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;

/**
 * Records one suggestion. New pairs become SUGGESTED matches; a SUGGESTED match takes the new
 * score; a match staff have acted on keeps the score and explanation it was curated on; a
 * rejected one comes back only after a material change to either record.
 */
async function recordSuggestion(
  ctx: ServiceContext,
  challenge: ChallengeRecord,
  solution: SolutionRecord,
  ranked: { score: number; explanation: ExplanationRecord },
  source: MatchSource,
): Promise<MatchRecord | undefined> {
  const materialKey = materialKeyOf(challenge, solution);
  const pair = { challengeId: challenge._id, solutionId: solution._id };
  const existing = await MatchModel.findOne(pair).lean();
  if (!existing) {
    try {
      const created = await MatchModel.create({
        ...pair,
        challengeOrganisationId: challenge.organisationId,
        solutionOrganisationId: solution.organisationId,
        source,
        status: 'SUGGESTED',
        score: ranked.score,
        explanation: ranked.explanation,
        materialKey,
        history: [historyEntry(ctx, ranked, { event: 'SUGGEST', from: null, to: 'SUGGESTED' })],
        staffNotes: [],
        version: 1,
      });
      return created.toObject();
    } catch (error) {
      // Another run created it meanwhile: it now exists, which is all this run wanted.
      if (isDuplicateKey(error)) return (await MatchModel.findOne(pair).lean()) ?? undefined;
      throw error;
    }
  }
  const refreshed = { score: ranked.score, explanation: ranked.explanation, materialKey };
  if (existing.status === 'SUGGESTED') {
    return (
      (await MatchModel.findOneAndUpdate({ _id: existing._id, status: 'SUGGESTED' }, { $set: refreshed }, { returnDocument: 'after' }).lean()) ??
      undefined
    );
  }
  if (existing.status === 'REJECTED' && existing.materialKey !== materialKey) {
    const to = matchLifecycle.authorise(existing, 'RESUGGEST', ctx);
    return (
      (await MatchModel.findOneAndUpdate(
        { _id: existing._id, status: 'REJECTED', version: existing.version },
        {
          $set: { ...refreshed, status: to, rejectionReason: null },
          $inc: { version: 1 },
          $push: { history: historyEntry(ctx, ranked, { event: 'RESUGGEST', from: 'REJECTED', to, note: 'The challenge or the solution changed.' }) },
        },
        { returnDocument: 'after' },
      ).lean()) ?? undefined
    );
  }
  return undefined;
}

/**
 * The challenge's vector for the vector leg and the semantic feature, or undefined when no model
 * runs or it fails: the run then goes on by keyword alone, and the explanation says so.
 */
async function challengeVector(ctx: ServiceContext, challenge: ChallengeRecord): Promise<Float32Array | undefined> {
  const embedder = ctx.search?.embedder;
  if (!embedder) return undefined;
  try {
    const [vector] = await embedder.embed([challengeVectorText(challenge)], { priority: 'query' });
    return vector;
  } catch (error) {
    ctx.logger.warn({ err: error, challengeId: challenge._id.toHexString() }, 'embedding the challenge failed; matching by keyword only');
    return undefined;
  }
}

/** The challenge's candidate pool through the search engine, with what scoring it needs. */
async function candidatePool(ctx: ServiceContext, challenge: ChallengeRecord, alsoScore: readonly string[] = []) {
  const engine = ctx.search?.assertReady();
  if (!engine) throw new SearchUnavailableError('Search is not configured.');
  const [statistics, { weights }, vector] = await Promise.all([solutionStatistics(ctx), weightsInForce(ctx), challengeVector(ctx, challenge)]);
  const matchChallenge = matchChallengeOf(challenge, vector);
  let ids: string[];
  let vectors: Map<string, Float32Array>;
  try {
    ids = await retrieveCandidates(
      engine,
      'solutions',
      lexicalQuery(matchChallenge.text, statistics),
      { ...CANDIDATE_OPTIONS, filter: requirementsFilter(matchChallenge) },
      vector,
    );
    ids = [...new Set([...ids, ...alsoScore])];
    // One batched read of the stored vectors, for the semantic feature.
    vectors = vector ? await engine.getVectors('solutions', ids) : new Map();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new SearchUnavailableError('Search failed; try again shortly.', error);
  }
  const records = await publishedSolutionsByIds(ctx, ids);
  const pool = records.map((record) => ({ record, solution: matchSolutionOf(record, vectors.get(record._id.toHexString())) }));
  return { pool, statistics, weights, matchChallenge };
}

/** What one run for a challenge produced. */
export interface MatchRunResult {
  challenge: ChallengeRecord;
  candidates: number;
  suggested: MatchRecord[];
  nearMisses: { solution: SolutionRecord; score: number; whyNot: string[] }[];
}

/**
 * Suggests solutions for one open challenge: candidates through the search engine, hard
 * eligibility filters and our re-rank, then the top suggestions recorded as matches. Staff run
 * it on demand; the platform runs it when a challenge or solution changes.
 */
export async function suggestMatches(
  ctx: ServiceContext,
  input: SuggestMatchesInput,
  /** Solutions scored whether or not retrieval finds them (one just published, which the index may not hold yet). */
  { alsoScore = [] }: { alsoScore?: readonly string[] } = {},
): Promise<MatchRunResult> {
  if (ctx.actor.kind === 'anonymous') throw unauthenticated();
  if (!matchPolicy.canRunMatcher(ctx.actor)) throw forbidden('Only accelerator staff run the matcher.');
  const challenge = await getChallenge(ctx, input.challengeId);
  if (challenge.status !== 'OPEN') throw new AppError('NOT_ELIGIBLE', `Only OPEN challenges are matched; this one is ${challenge.status}.`);
  const { pool, statistics, weights, matchChallenge } = await candidatePool(ctx, challenge, alsoScore);
  const byId = new Map(pool.map(({ record }) => [record._id.toHexString(), record]));
  const ranked = rankCandidates(matchChallenge, pool.map(({ solution }) => solution), statistics, {
    weights,
    now: ctx.now,
    limit: SUGGESTIONS_PER_CHALLENGE,
    nearMissLimit: NEAR_MISSES_PER_RUN,
  });
  const suggested: MatchRecord[] = [];
  for (const suggestion of ranked.suggestions) {
    const recorded = await recordSuggestion(ctx, challenge, byId.get(suggestion.id)!, suggestion, 'MATCHER');
    if (recorded) suggested.push(recorded);
  }
  return {
    challenge,
    candidates: ranked.scored,
    suggested,
    nearMisses: ranked.nearMisses.map((miss: RankedMatch) => ({ solution: byId.get(miss.id)!, score: miss.score, whyNot: miss.explanation.whyNot })),
  };
}

/** Staff pair a challenge and a solution by hand; it is scored and explained like any other. */
export async function addMatch(ctx: ServiceContext, input: AddMatchInput): Promise<MatchRecord> {
  requireStaff(ctx.actor);
  const { note: staffNote } = parseInput(z.strictObject({ challengeId: z.string(), solutionId: z.string(), note: note.optional() }), dropNulls(input));
  const challenge = await getChallenge(ctx, input.challengeId);
  const solution = await getSolution(ctx, input.solutionId);
  const explanation = await explainPair(ctx, challenge, solution);
  const pair = { challengeId: challenge._id, solutionId: solution._id };
  if (await MatchModel.exists(pair)) throw new AppError('CONFLICT', 'These two are already a match.');
  try {
    const created = await MatchModel.create({
      ...pair,
      challengeOrganisationId: challenge.organisationId,
      solutionOrganisationId: solution.organisationId,
      source: 'STAFF',
      status: 'SUGGESTED',
      score: explanation.score,
      explanation,
      materialKey: materialKeyOf(challenge, solution),
      history: [historyEntry(ctx, { explanation }, { event: 'SUGGEST', from: null, to: 'SUGGESTED', note: staffNote ?? null })],
      staffNotes: [],
      version: 1,
    });
    return created.toObject();
  } catch (error) {
    if (isDuplicateKey(error)) throw new AppError('CONFLICT', 'These two are already a match.');
    throw error;
  }
}

/**
 * Scores and explains one pair outside a run (a pair added by hand) exactly as a run would: within
 * the challenge's candidate pool, so its lexical share is measured against the same best.
 */
async function explainPair(ctx: ServiceContext, challenge: ChallengeRecord, solution: SolutionRecord): Promise<ExplanationRecord> {
  const { pool, statistics, weights, matchChallenge } = await candidatePool(ctx, challenge, [solution._id.toHexString()]);
  const scored = pool.some((entry) => entry.record._id.equals(solution._id)) ? [] : [matchSolutionOf(solution)];
  const candidates = [...pool.map((entry) => entry.solution), ...scored];
  const ranked = rankCandidates(matchChallenge, candidates, statistics, { weights, now: ctx.now, limit: candidates.length, nearMissLimit: candidates.length });
  const entry = [...ranked.suggestions, ...ranked.nearMisses].find((match) => match.id === solution._id.toHexString());
  if (!entry) throw new Error('The pair being explained was not scored.');
  return entry.explanation;
}

/** The conflict a losing racer gets: the match moved on between its read and its write. */
async function conflictFor(id: Types.ObjectId): Promise<AppError> {
  const current = await MatchModel.findById(id).select({ status: 1, version: 1 }).lean();
  if (!current) return notFound('Match', id.toHexString());
  return new AppError('CONFLICT', `The match changed meanwhile: it is now ${current.status} at version ${current.version}.`, {
    currentState: current.status,
    currentVersion: current.version,
  });
}

/**
 * Fires one transition, at most once however many race: the update is conditional on the status
 * (and version, when given) that was read, so exactly one racer wins and the others get CONFLICT.
 * The history entry is written in the same update, so no transition escapes the audit log.
 */
async function fire(
  ctx: ServiceContext,
  match: MatchRecord,
  event: MatchLifecycleEvent,
  expectedVersion: number | undefined,
  entry: Pick<MatchTransitionRecord, 'note' | 'rejectionReason' | 'party'>,
  changes: Partial<MatchRecord> = {},
): Promise<MatchRecord> {
  matchLifecycle.assertRole(match, event, ctx);
  // Someone else just did the same: this attempt lost a race rather than asked for something illegal.
  if (matchLifecycle.transitions[match.status][event] === undefined && match.history.at(-1)?.event === event) throw await conflictFor(match._id);
  if (expectedVersion !== undefined && expectedVersion !== match.version) {
    throw new AppError('VERSION_CONFLICT', `The match changed since version ${expectedVersion}; it is now at version ${match.version}.`, {
      currentVersion: match.version,
    });
  }
  return matchLifecycle.fire(match, event, ctx, {
    changes: () => changes,
    save: async (update, transition) => {
      const saved = await MatchModel.findOneAndUpdate(
        { _id: match._id, status: match.status, version: match.version },
        {
          $set: update,
          $inc: { version: 1 },
          $push: { history: historyEntry(ctx, match, { event, from: transition.from, to: transition.to, ...entry }) },
        },
        { returnDocument: 'after' },
      ).lean();
      if (!saved) throw await conflictFor(match._id);
      return saved;
    },
  });
}

async function loadForTransition(ctx: ServiceContext, matchId: string): Promise<MatchRecord> {
  requireUser(ctx.actor);
  return getMatch(ctx, matchId);
}

/** Staff shortlist a suggestion for introduction. */
export async function shortlistMatch(ctx: ServiceContext, input: MatchTransitionInput): Promise<MatchRecord> {
  const { matchId, expectedVersion, note: text } = parseInput(transitionSchema, dropNulls(input));
  return fire(ctx, await loadForTransition(ctx, matchId), 'SHORTLIST', expectedVersion, { note: text ?? null });
}

/** Staff introduce a shortlisted match to both sides, who then see it. */
export async function introduceMatch(ctx: ServiceContext, input: MatchTransitionInput): Promise<MatchRecord> {
  const { matchId, expectedVersion, note: text } = parseInput(transitionSchema, dropNulls(input));
  return fire(ctx, await loadForTransition(ctx, matchId), 'INTRODUCE', expectedVersion, { note: text ?? null });
}

/** Staff reject a match with a reason from the fixed list; it stays rejected until either record changes materially. */
export async function rejectMatch(ctx: ServiceContext, input: RejectMatchInput): Promise<MatchRecord> {
  const { matchId, expectedVersion, reason, note: text } = parseInput(rejectSchema, dropNulls(input));
  return fire(ctx, await loadForTransition(ctx, matchId), 'REJECT', expectedVersion, { note: text ?? null, rejectionReason: reason }, { rejectionReason: reason });
}

/** Either side declines an introduction, with a reason the other side and staff see. */
export async function declineMatch(ctx: ServiceContext, input: DeclineMatchInput): Promise<MatchRecord> {
  const { matchId, expectedVersion, reason } = parseInput(declineSchema, dropNulls(input));
  const match = await loadForTransition(ctx, matchId);
  const party = partyOf(ctx.actor, match);
  return fire(ctx, match, 'DECLINE', expectedVersion, { party: party ?? null, note: reason }, { declinedBy: party ?? null, declineReason: reason });
}

/**
 * One side accepts an introduction. The first acceptance is recorded and the match stays
 * INTRODUCED; the second makes it ACCEPTED. Each write is conditional on the other side's flag as
 * read, so two sides accepting at once still end ACCEPTED (whoever writes second promotes it).
 */
export async function acceptMatch(ctx: ServiceContext, input: MatchTransitionInput): Promise<MatchRecord> {
  const { matchId, expectedVersion, note: text } = parseInput(transitionSchema, dropNulls(input));
  const match = await loadForTransition(ctx, matchId);
  matchLifecycle.authorise(match, 'ACCEPT', ctx);
  const party = partyOf(ctx.actor, match)!;
  const own = party === 'PUBLIC_BODY' ? 'publicBodyAcceptedAt' : 'startupAcceptedAt';
  const other = party === 'PUBLIC_BODY' ? 'startupAcceptedAt' : 'publicBodyAcceptedAt';
  if (match[other] != null) return fire(ctx, match, 'ACCEPT', expectedVersion, { party, note: text ?? null }, { [own]: ctx.now });
  if (expectedVersion !== undefined && expectedVersion !== match.version) throw await conflictFor(match._id);
  const accepted = await MatchModel.findOneAndUpdate(
    { _id: match._id, status: 'INTRODUCED', version: match.version },
    {
      $set: { [own]: ctx.now },
      $inc: { version: 1 },
      $push: { history: historyEntry(ctx, match, { event: 'ACCEPT', from: 'INTRODUCED', to: 'INTRODUCED', party, note: text ?? null }) },
    },
    { returnDocument: 'after' },
  ).lean();
  if (!accepted) throw await conflictFor(match._id);
  ctx.events.publish({ name: 'match.ACCEPT', recordId: accepted._id.toHexString(), at: ctx.now });
  return accepted;
}

/** The outcome of a bulk action, match by match. */
export interface BulkOutcome {
  succeeded: MatchRecord[];
  failed: { matchId: string; code: string; message: string }[];
}

async function bulk(ids: string[], act: (id: string) => Promise<MatchRecord>): Promise<BulkOutcome> {
  const outcome: BulkOutcome = { succeeded: [], failed: [] };
  for (const id of ids) {
    try {
      outcome.succeeded.push(await act(id));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcome.failed.push({ matchId: id, code: error.code, message: error.message });
    }
  }
  return outcome;
}

/** Staff shortlist many suggestions at once; each succeeds or fails on its own. */
export function bulkShortlistMatches(ctx: ServiceContext, input: BulkShortlistMatchesInput): Promise<BulkOutcome> {
  requireStaff(ctx.actor);
  const { matchIds, note: text } = parseInput(z.strictObject({ matchIds: bulkIds, note: note.optional() }), dropNulls(input));
  return bulk(matchIds, (matchId) => shortlistMatch(ctx, { matchId, note: text }));
}

/** Staff reject many at once with one reason. */
export function bulkRejectMatches(ctx: ServiceContext, input: BulkRejectMatchesInput): Promise<BulkOutcome> {
  requireStaff(ctx.actor);
  const { matchIds, reason, note: text } = parseInput(
    z.strictObject({ matchIds: bulkIds, reason: sdlEnum<MatchRejectionReason>('MatchRejectionReason'), note: note.optional() }),
    dropNulls(input),
  );
  return bulk(matchIds, (matchId) => rejectMatch(ctx, { matchId, reason, note: text }));
}

/** Staff keep private notes on a match; notes are not transitions and move no version. */
export async function addMatchNote(ctx: ServiceContext, input: AddMatchNoteInput): Promise<MatchRecord> {
  requireStaff(ctx.actor);
  const user = requireUser(ctx.actor);
  const { matchId, text } = parseInput(noteSchema, input);
  const match = await getMatch(ctx, matchId);
  const updated = await MatchModel.findOneAndUpdate(
    { _id: match._id },
    { $push: { staffNotes: { byUserId: new Types.ObjectId(user.userId), at: ctx.now, text } } },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) throw notFound('Match', matchId);
  return updated;
}

const CURATION_STATUSES: MatchStatus[] = ['SUGGESTED', 'SHORTLISTED'];

/** Staff's curation queue: best score first, across challenges or for one, filterable. */
export async function matchQueue(ctx: ServiceContext, { filter, first, after }: ListArgs<MatchQueueFilter>): Promise<CountedPage<MatchRecord>> {
  requireStaff(ctx.actor);
  const size = pageSize(first);
  const offset = decodeOffsetCursor(after, 100_000);
  const conditions: Record<string, unknown> = {
    status: trusted({ $in: filter?.statuses && filter.statuses.length > 0 ? filter.statuses : CURATION_STATUSES }),
  };
  if (filter?.challengeId) conditions.challengeId = filterObjectId('filter.challengeId', filter.challengeId);
  if (filter?.sources && filter.sources.length > 0) conditions.source = trusted({ $in: filter.sources });
  if (filter?.minScore != null) conditions.score = trusted({ $gte: filter.minScore });
  const [records, totalCount] = await Promise.all([
    MatchModel.find(conditions).sort({ score: -1, _id: -1 }).skip(offset).limit(size + 1).lean(),
    MatchModel.countDocuments(conditions),
  ]);
  const nodes = records.slice(0, size);
  const page: Page<MatchRecord> = {
    edges: nodes.map((node, index) => ({ cursor: encodeOffsetCursor(offset + index + 1), node })),
    pageInfo: { hasNextPage: records.length > size, endCursor: nodes.length > 0 ? encodeOffsetCursor(offset + nodes.length) : null },
  };
  return { ...page, totalCount };
}

/** The introductions addressed to the viewer's organisations, newest first. */
export function myIntroductions(ctx: ServiceContext, { first, after }: ListArgs<never>): Promise<CountedPage<MatchRecord>> {
  requireUser(ctx.actor);
  return findPage(
    MatchModel,
    [
      { status: trusted({ $in: ['INTRODUCED', 'ACCEPTED', 'DECLINED'] }) },
      { $or: [inOwnOrganisations(ctx.actor, 'challengeOrganisationId'), inOwnOrganisations(ctx.actor, 'solutionOrganisationId')] },
    ],
    first,
    after,
  );
}

/** A recommended open challenge for a solution. */
export interface RecommendationRecord {
  challenge: ChallengeRecord;
  score: number;
  explanation: ExplanationRecord;
}

/**
 * The other way round: open challenges a start-up's solution fits, with the same features and the
 * same hard requirements. Open challenges are few, so every one is scored.
 */
export async function recommendedChallenges(ctx: ServiceContext, input: { solutionId: string; first?: number | null }): Promise<RecommendationRecord[]> {
  const user = requireUser(ctx.actor);
  const solution = await getSolution(ctx, input.solutionId);
  if (!user.memberships.some((m) => m.organisationId === solution.organisationId.toHexString()) && !matchPolicy.canCurate(ctx.actor)) {
    throw forbidden('Recommendations are for the start-up that owns the solution.');
  }
  const limit = pageSize(input.first, 50);
  const [statistics, challenges, { weights }] = await Promise.all([challengeStatistics(ctx), openChallenges(ctx), weightsInForce(ctx)]);
  const byId = new Map(challenges.map((challenge) => [challenge._id.toHexString(), challenge]));
  const ranked = rankChallengesFor(matchSolutionOf(solution), challenges.map((challenge) => matchChallengeOf(challenge)), statistics, {
    weights,
    now: ctx.now,
    limit,
  });
  return ranked.suggestions.map((suggestion) => ({ challenge: byId.get(suggestion.id)!, score: suggestion.score, explanation: suggestion.explanation }));
}

/** The open challenges a published solution fits best (for the matcher's reaction to a solution's events). */
export async function challengesFitting(ctx: ServiceContext, solutionId: string, limit: number): Promise<string[]> {
  if (!matchPolicy.canRunMatcher(ctx.actor)) throw forbidden('Only the platform and staff run the matcher.');
  const [solution] = await publishedSolutionsByIds(ctx, [solutionId]);
  if (!solution) return [];
  const [statistics, challenges, { weights }] = await Promise.all([challengeStatistics(ctx), openChallenges(ctx), weightsInForce(ctx)]);
  const ranked = rankChallengesFor(matchSolutionOf(solution), challenges.map((challenge) => matchChallengeOf(challenge)), statistics, {
    weights,
    now: ctx.now,
    limit,
    explain: false,
  });
  return ranked.suggestions.map((suggestion) => suggestion.id);
}

/** What `npm run match -- --all` did. */
export interface MatchAllResult {
  challenges: number;
  suggested: number;
  failed: { challengeId: string; message: string }[];
}

/**
 * Recomputes the suggestions of every open challenge, one after another (`npm run match -- --all`):
 * for a changed weight set or a repaired index, never on a write. A challenge that fails is
 * reported and the rest still run.
 */
export async function suggestForAllOpen(ctx: ServiceContext, onProgress?: (done: number, total: number) => void): Promise<MatchAllResult> {
  if (!matchPolicy.canRunMatcher(ctx.actor)) throw forbidden('Only the platform and staff run the matcher.');
  const challenges = await openChallenges(ctx);
  const result: MatchAllResult = { challenges: challenges.length, suggested: 0, failed: [] };
  onProgress?.(0, challenges.length);
  for (const [position, challenge] of challenges.entries()) {
    try {
      result.suggested += (await suggestMatches(ctx, { challengeId: challenge._id.toHexString() })).suggested.length;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.failed.push({ challengeId: challenge._id.toHexString(), message: error.message });
    }
    onProgress?.(position + 1, challenges.length);
  }
  return result;
}
