import { AppError, badInput } from '../shared/errors';
import { decodeOffsetCursor, encodeOffsetCursor, pageSize } from '../shared/pagination';
import { SearchUnavailableError } from '../search/search-engine';
import { rankedSearch, type RankedHit, type RankedResponse, type SearchMode } from '../search/hybrid-search';
import { allOf, visibleFilter, type Searchable, type SearchInput } from '../search/search-face';
import type { SearchAccess, ServiceContext } from '../context/service-context';

const MAX_QUERY_LENGTH = 200;
/** Search pages are smaller than list pages: each hit loads its record and builds highlights. */
const MAX_SEARCH_PAGE = 50;
/** Engines rank only so deep (Meilisearch's default maxTotalHits is 1000); past this, narrow the query. */
const MAX_SEARCH_OFFSET = 10_000;
const HIGHLIGHT = { preTag: '<mark>', postTag: '</mark>' };

/** One page of search results, each hit with its record loaded and re-checked. */
export interface SearchResult<R> {
  hits: { score: number; highlights: { field: string; snippet: string }[]; record: R }[];
  facets: { name: string; values: { value: string; count: number }[] }[];
  estimatedTotalHits: number;
  processingTimeMs: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Whether meaning ranked these results; false without a model, for an empty query or an explicit sort. */
  semantic: boolean;
  mode: SearchMode;
}

function cleanQuery(query: string | null | undefined): string {
  const text = (query ?? '').trim();
  if (text.length > MAX_QUERY_LENGTH) throw badInput([{ field: 'query', message: `must be at most ${MAX_QUERY_LENGTH} characters` }]);
  return text;
}

async function askEngine(runtime: SearchAccess | undefined, run: (engine: ReturnType<SearchAccess['assertReady']>, access: SearchAccess) => Promise<RankedResponse>) {
  if (!runtime) throw new SearchUnavailableError('Search is not configured.');
  const engine = runtime.assertReady();
  try {
    return await run(engine, runtime);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new SearchUnavailableError('Search failed; try again shortly.', error);
  }
}

/**
 * Searches one index for what the actor may find, then loads each hit's record and shows only
 * those the actor may see. Filters come only from typed input and the source's visibility rule,
 * never from strings. `load` gets the whole hit, so it can start loading what the engine's copy
 * points at beside the record; the record it returns is what is checked and shown.
 */
export async function search<Input extends SearchInput<string, string>, R>(
  { actor, now, search: runtime }: ServiceContext,
  source: Searchable<Input, R>,
  input: Input,
  load: (hit: RankedHit) => Promise<R | null>,
): Promise<SearchResult<R>> {
  const face = source.query;
  const query = cleanQuery(input.query);
  const filter = allOf([visibleFilter(face.visibility, actor, now), ...face.narrow(input, now)]);
  const offset = decodeOffsetCursor(input.after, MAX_SEARCH_OFFSET);
  const limit = pageSize(input.first, MAX_SEARCH_PAGE);
  const response = await askEngine(runtime, async (engine, access) => {
    const embedder = face.semantic ? access.embedder : undefined;
    const mode = embedder ? (input.mode ?? 'HYBRID') : 'KEYWORD';
    const queryVector = mode === 'KEYWORD' || query === '' ? undefined : embedQuery(access, query);
    return rankedSearch(
      engine,
      source.index,
      {
        query,
        filter,
        facets: (input.facets ?? []).map((facet) => face.facets[facet]!),
        sort: face.sorts[input.sort ?? 'RELEVANCE'] ?? [],
        offset,
        limit,
        highlight: { fields: face.highlight, ...HIGHLIGHT },
      },
      mode,
      queryVector,
    );
  });
  const records = await Promise.all(response.hits.map(load));
  const next = offset + response.hits.length;
  return {
    hits: response.hits.flatMap((hit, index) => {
      const record = records[index];
      if (!record || !face.canSee(actor, record)) return [];
      const highlights = Object.entries(hit.highlights ?? {})
        .filter(([, snippet]) => snippet.includes(HIGHLIGHT.preTag))
        .map(([field, snippet]) => ({ field, snippet }));
      return [{ score: hit.score, highlights, record }];
    }),
    facets: Object.entries(response.facetDistribution).map(([name, values]) => ({
      name,
      values: Object.entries(values).map(([value, count]) => ({ value, count })),
    })),
    estimatedTotalHits: response.estimatedTotalHits,
    processingTimeMs: Math.round(response.processingTimeMs),
    pageInfo: {
      hasNextPage: next < response.estimatedTotalHits && response.hits.length === limit,
      endCursor: response.hits.length > 0 ? encodeOffsetCursor(next) : null,
    },
    semantic: response.mode !== 'KEYWORD',
    mode: response.mode,
  };
}

/** The query's vector, or none when the model fails: search then falls back to keywords and says so. */
async function embedQuery(access: SearchAccess, query: string): Promise<Float32Array | undefined> {
  try {
    const [vector] = (await access.embedder?.embed([query], { priority: 'query' })) ?? [];
    return vector;
  } catch {
    return undefined;
  }
}

/** A result whose hits carry their record under the GraphQL field name (`challenge`, `solution`, …). */
export function hitsAs<K extends string, R>(key: K, result: SearchResult<R>) {
  return { ...result, hits: result.hits.map(({ record, ...hit }) => ({ ...hit, [key]: record }) as typeof hit & Record<K, R>) };
}
