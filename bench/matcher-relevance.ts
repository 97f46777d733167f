import { performance } from 'node:perf_hooks';
import { ENGLISH_STOP_WORDS } from '../server/src/search/english-stop-words';
import { defineIndexSettings, VECTOR_FIELD, type SearchEngine } from '../server/src/search/search-engine';
import { rankedSearch } from '../server/src/search/hybrid-search';
import { bm25, CorpusStatistics, lexicalQuery } from '../server/src/search/lexical-relevance';
import { CANDIDATE_OPTIONS, requirementsFilter, retrieveCandidates } from '../server/src/matching/match-candidates';
import { rankCandidates } from '../server/src/matching/match-ranking';
import { featureValues, reciprocalScore, scoreOf, type MatchSolution } from '../server/src/matching/match-scoring';
import { DEFAULT_WEIGHTS, type FeatureWeights } from '../server/src/matching/match-weights';
import type { BeirDataset } from './lib/beir-dataset';
import { mean, ndcgAt, recallAt, reciprocalRankAt, type Judgements } from './lib/ir-metrics';
import { matchChallengeFromBeir, matchSolutionFromBeir, queryVectorText } from './lib/matcher-records';
import { datasetVectors } from './lib/dataset-vectors';

/**
 * `npm run relevance -- --beir DIR --matcher`: the matcher measured as retrieval. Queries are
 * challenges, the corpus is solutions. Prints the matcher (candidates through the engine's vector
 * and keyword legs, then our re-rank), the matcher with reciprocal scoring, keyword and hybrid
 * search (the engine's own ranking of the query text, as a person's search would be) and plain
 * BM25 over the whole corpus, with the same metrics as search. Vectors come from the model through
 * the disk cache; `vectors: false` (--no-vectors) measures the keyword-only matcher.
 */

export interface MatcherRelevanceOptions {
  weights?: Partial<FeatureWeights>;
  candidates?: Partial<typeof CANDIDATE_OPTIONS>;
  vectors?: boolean;
}

type Metrics = Record<'ndcg@10' | 'recall@10' | 'recall@100' | 'mrr@10', number>;

function metricsOf(rankings: Map<string, string[]>, qrels: Map<string, Judgements>): Metrics {
  const per = (metric: (ranking: string[], judgements: Judgements) => number) =>
    Number(mean([...rankings].map(([id, ranking]) => metric(ranking, qrels.get(id) ?? new Map()))).toFixed(4));
  return {
    'ndcg@10': per((ranking, judgements) => ndcgAt(10, ranking, judgements)),
    'recall@10': per((ranking, judgements) => recallAt(10, ranking, judgements)),
    'recall@100': per((ranking, judgements) => recallAt(100, ranking, judgements)),
    'mrr@10': per((ranking, judgements) => reciprocalRankAt(10, ranking, judgements)),
  };
}

export async function measureMatcher(dataset: BeirDataset, engine: SearchEngine, options: MatcherRelevanceOptions): Promise<Record<string, unknown>> {
  const now = new Date();
  const weights: FeatureWeights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const candidateOptions = { ...CANDIDATE_OPTIONS, ...options.candidates };
  const vectors = options.vectors === false ? undefined : await datasetVectors(dataset, queryVectorText, (message) => process.stderr.write(`${message}\n`));
  const solutions = dataset.documents.map((document, position) => ({ ...matchSolutionFromBeir(document), vector: vectors?.documents[position] }));
  const solutionsById = new Map(solutions.map((solution) => [solution.id, solution]));
  const challenges = dataset.queries.map((query, position) => ({ ...matchChallengeFromBeir(query), vector: vectors?.queries[position] }));
  const solutionStatistics = new CorpusStatistics();
  for (const solution of solutions) solutionStatistics.add(solution.text);
  const challengeStatistics = new CorpusStatistics();
  for (const challenge of challenges) challengeStatistics.add(challenge.text);

  const index = `matcher-relevance-${process.pid}`;
  await engine.deleteIndex(index);
  await engine.ensureIndex(
    index,
    defineIndexSettings({
      searchableAttributes: ['title', 'text'],
      filterableAttributes: ['status', 'trl', 'regionsServed', 'organisationId', 'accreditations'],
      stopWords: [...ENGLISH_STOP_WORDS],
      ...(vectors ? { vectorDimensions: vectors.dimensions } : {}),
    }),
  );
  // Records with structured fields (the seeds' set) get the hard requirements pushed into the engine, as the server does.
  const structured = solutions.some((solution) => solution.status !== undefined);
  for (let start = 0; start < dataset.documents.length; start += 5000) {
    await engine.upsertDocuments(
      index,
      dataset.documents.slice(start, start + 5000).map((document) => {
        const solution = solutionsById.get(document.id)!;
        const accreditations = [...new Set((solution.evidence ?? []).flatMap((item) => (item.accreditation ? [item.accreditation.type] : [])))];
        return {
          id: document.id,
          title: document.title,
          text: document.text,
          ...(solution.status ? { status: solution.status } : {}),
          ...(solution.trl !== undefined ? { trl: solution.trl } : {}),
          ...(solution.regionsServed ? { regionsServed: solution.regionsServed } : {}),
          ...(solution.organisationId ? { organisationId: solution.organisationId.toString() } : {}),
          accreditations,
          ...(solution.vector ? { [VECTOR_FIELD]: solution.vector } : {}),
        };
      }),
    );
  }

  // The backward direction of reciprocal scoring: how well each challenge ranks among all challenges for the solution.
  const bestBackward = new Map<string, number>();
  const backwardLexical = (solution: MatchSolution, challengeIndex: number): number => {
    const query = lexicalQuery(solution.text, challengeStatistics);
    const score = (i: number) => bm25(query, challenges[i]!.text, challengeStatistics);
    let best = bestBackward.get(solution.id);
    if (best === undefined) {
      best = challenges.reduce((max, _challenge, i) => Math.max(max, score(i)), 0);
      bestBackward.set(solution.id, best);
    }
    return best > 0 ? score(challengeIndex) / best : 0;
  };

  const rankings = { matcher: new Map<string, string[]>(), matcherWithNearMisses: new Map<string, string[]>(), reciprocal: new Map<string, string[]>(), keyword: new Map<string, string[]>(), hybrid: new Map<string, string[]>(), bm25: new Map<string, string[]>() };
  const poolSizes: number[] = [];
  const started = performance.now();
  for (const [challengeIndex, challenge] of challenges.entries()) {
    const query = lexicalQuery(challenge.text, solutionStatistics);
    const filter = structured ? requirementsFilter(challenge) : undefined;
    const pool = (await retrieveCandidates(engine, index, query, { ...candidateOptions, filter }, challenge.vector)).flatMap((id) => solutionsById.get(id) ?? []);
    poolSizes.push(pool.length);
    const ranked = rankCandidates(challenge, pool, solutionStatistics, { weights, now, limit: 100, nearMissLimit: 100, explain: false });
    rankings.matcher.set(challenge.id, ranked.suggestions.map((match) => match.id));
    rankings.matcherWithNearMisses.set(challenge.id, [...ranked.suggestions, ...ranked.nearMisses].map((match) => match.id));

    const bestForward = pool.reduce((best, solution) => Math.max(best, bm25(query, solution.text, solutionStatistics)), 0);
    const context = { query, statistics: solutionStatistics, bestLexical: bestForward, now };
    const reciprocal = ranked.suggestions
      .map((match) => {
        const solution = solutionsById.get(match.id)!;
        const backward = scoreOf({ ...featureValues(challenge, solution, context), lexical: backwardLexical(solution, challengeIndex) }, weights);
        return { id: match.id, score: reciprocalScore(match.score, backward) };
      })
      .sort((a, b) => b.score - a.score);
    rankings.reciprocal.set(challenge.id, reciprocal.map((entry) => entry.id));

    const keyword = await engine.search(index, { query: dataset.queries[challengeIndex]!.text, limit: 100 });
    rankings.keyword.set(challenge.id, keyword.hits.map((hit) => hit.id));
    if (vectors) {
      const hybrid = await rankedSearch(engine, index, { query: dataset.queries[challengeIndex]!.text, limit: 100 }, 'HYBRID', vectors.queries[challengeIndex]);
      rankings.hybrid.set(challenge.id, hybrid.hits.map((hit) => hit.id));
    }
    rankings.bm25.set(
      challenge.id,
      solutions
        .map((solution) => ({ id: solution.id, score: bm25(query, solution.text, solutionStatistics) }))
        .filter((entry) => entry.score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, 100)
        .map((entry) => entry.id),
    );
  }
  const elapsedMs = performance.now() - started;
  await engine.deleteIndex(index);
  return {
    engine: engine.name,
    queries: challenges.length,
    documents: solutions.length,
    matcher: metricsOf(rankings.matcher, dataset.qrels),
    // The matcher's whole answer: eligible suggestions, then the near-misses it shows with "why not".
    matcherWithNearMisses: metricsOf(rankings.matcherWithNearMisses, dataset.qrels),
    matcherReciprocal: metricsOf(rankings.reciprocal, dataset.qrels),
    keywordSearch: metricsOf(rankings.keyword, dataset.qrels),
    ...(vectors ? { hybridSearch: metricsOf(rankings.hybrid, dataset.qrels), modelId: vectors.modelId } : { vectors: 'off: keyword-only matcher' }),
    plainBm25: metricsOf(rankings.bm25, dataset.qrels),
    meanPool: Math.round(mean(poolSizes)),
    msPerQuery: Number((elapsedMs / Math.max(1, challenges.length)).toFixed(1)),
  };
}
