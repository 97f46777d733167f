import { f, type Filter } from '../search/filter';
import type { SearchEngine } from '../search/search-engine';
import { informativeWords, type LexicalQuery } from '../search/lexical-relevance';
import type { MatchChallenge } from './match-scoring';

/**
 * Candidate retrieval through the SearchEngine interface, the same way whichever engine runs. The
 * pool is the union of two legs, each filtered by the hard requirements:
 * - vector: the nearest neighbours of the challenge's vector (its title, what, why, how and tags),
 *   which catches the same need in other words; skipped when no model runs (keyword only);
 * - keyword: short queries of the challenge's most informative words. A challenge is far too long
 *   to send as one query (Meilisearch reads only its first ten words, and ranks long queries
 *   poorly in any case).
 * The engines' ranks only decide which documents enter the pool; we re-rank it ourselves.
 */

export interface CandidateOptions {
  /** How many of the query's most informative words are sent. */
  words: number;
  /** Words per engine query (Meilisearch reads ten at most). */
  wordsPerQuery: number;
  /** Documents taken per keyword query. */
  perQuery: number;
  /** Nearest neighbours taken from the vector leg. */
  vectorDepth: number;
  /** Filters every engine query (e.g. published only), so the pool holds plausible candidates. */
  filter?: Filter;
}

/**
 * One word per query: Meilisearch keeps only documents with a query's first word (matching
 * strategy "last") and ranks by words matched, the embedded engine ranks by BM25, so longer
 * queries gave different pools (dev-set nDCG@10 0.856 on Meilisearch against 0.870 embedded at two
 * words a query); single words give both engines the same pool (0.870 on both).
 * Ten words taken deeper, not thirty: every query pays the filter and a walk of its word's postings
 * again, and at 100k solutions thirty queries were most of the time to a top 10. The top-10
 * overlap with exhaustive scoring followed the depth of each leg more than the number of words
 * (at 100k: 30 words × 60 with 200 nearest 0.920, 10 × 100 0.912, 10 × 150 0.945, and 10 × 100
 * with only 100 nearest 0.888), so the vector leg goes to 300.
 */
export const CANDIDATE_OPTIONS: Omit<CandidateOptions, 'filter'> = { words: 10, wordsPerQuery: 1, perQuery: 150, vectorDepth: 300 };

/** The ids of a candidate pool, in no meaningful order; `vector` is the challenge's, absent without a model. */
export async function retrieveCandidates(
  engine: SearchEngine,
  index: string,
  query: LexicalQuery,
  options: CandidateOptions,
  vector?: Float32Array,
): Promise<string[]> {
  const words = informativeWords(query, options.words);
  const queries: string[] = [];
  for (let start = 0; start < words.length; start += options.wordsPerQuery) queries.push(words.slice(start, start + options.wordsPerQuery).join(' '));
  const [nearest, ...responses] = await Promise.all([
    vector && options.vectorDepth > 0 ? engine.searchByVector(index, { vector, filter: options.filter, limit: options.vectorDepth }) : [],
    ...queries.map((text) => engine.search(index, { query: text, filter: options.filter, limit: options.perQuery })),
  ]);
  return [...new Set([...nearest.map((hit) => hit.id), ...responses.flatMap((response) => response.hits.map((hit) => hit.id))])];
}

/**
 * The hard requirements as an engine filter on the solutions index, so the pool holds solutions
 * that can be suggested: without it, at 100k solutions the best eligible ones sit below hundreds of
 * ineligible ones that share more words. Accreditation expiry is not in the index; the re-rank
 * re-checks every requirement on the records, and what slips through becomes a near-miss.
 */
export function requirementsFilter(challenge: MatchChallenge): Filter {
  const conditions: Filter[] = [f.eq('status', 'PUBLISHED')];
  if (challenge.minTrl !== undefined) conditions.push(f.gte('trl', challenge.minTrl));
  if (challenge.region !== undefined && challenge.region !== 'UK_WIDE') conditions.push(f.in('regionsServed', [challenge.region, 'UK_WIDE']));
  for (const accreditation of challenge.requiredAccreditations ?? []) conditions.push(f.eq('accreditations', accreditation));
  if (challenge.organisationId !== undefined) conditions.push(f.ne('organisationId', challenge.organisationId.toString()));
  const [first, ...rest] = conditions;
  return f.and(first!, ...rest);
}
