import type { Filter } from '../search/filter';
import type { SearchEngine } from '../search/search-engine';
import { informativeWords, type LexicalQuery } from './lexical-relevance';

/**
 * Candidate retrieval through the SearchEngine interface, the same way whichever engine runs.
 * A challenge is far too long to send as one query (Meilisearch reads only its first ten words,
 * and ranks long queries poorly in any case), so the pool is the union of short queries, one per
 * informative word: for the rarer words every document containing them comes back, whatever the
 * engine's own ranking, which keeps the pool, and so the matcher's quality, engine-independent.
 * The engine's rank is never used beyond choosing which documents enter the pool.
 */

export interface CandidateOptions {
  /** How many of the query's most informative words are sent, one query each. */
  words: number;
  /** Documents taken per word. */
  perWord: number;
  /** Filters every engine query (e.g. published only), so the pool holds plausible candidates. */
  filter?: Filter;
  /** Nearest neighbours of the challenge's vector, when the engine has vectors; empty otherwise. */
  vectorCandidates?: () => Promise<string[]>;
}

/** Chosen on the development set and SciFact together: about 100-300 candidates for a challenge. */
export const CANDIDATE_OPTIONS: Pick<CandidateOptions, 'words' | 'perWord'> = { words: 24, perWord: 60 };

/** The ids of a candidate pool, in no meaningful order. */
export async function retrieveCandidates(
  engine: SearchEngine,
  index: string,
  query: LexicalQuery,
  options: CandidateOptions,
): Promise<string[]> {
  const words = informativeWords(query, options.words);
  const responses = await Promise.all(
    words.map((word) => engine.search(index, { query: word, filter: options.filter, limit: options.perWord })),
  );
  const pool = new Set(responses.flatMap((response) => response.hits.map((hit) => hit.id)));
  for (const id of (await options.vectorCandidates?.()) ?? []) pool.add(id);
  return [...pool];
}
