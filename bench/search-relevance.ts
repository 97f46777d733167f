import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_EMBEDDING_MODEL_DIR, repoRoot } from '../server/src/config/config';
import { EmbeddedSearchEngine, type EmbeddedRelevanceOptions } from '../server/src/search/adapters/embedded/embedded-search-engine';
import { MeilisearchSearchEngine } from '../server/src/search/adapters/meilisearch/meilisearch-search-engine';
import { OnnxEmbedder } from '../server/src/search/embedding/onnx-embedder';
import { ENGLISH_STOP_WORDS } from '../server/src/search/english-stop-words';
import { PRODUCTION_FUSION, rankedSearch, type FusionSettings, type SearchMode } from '../server/src/search/hybrid-search';
import { defineIndexSettings, VECTOR_FIELD } from '../server/src/search/search-engine';
import { StatisticsKeepingEngine } from '../server/src/search/statistics-keeping-engine';
import type { BeirDataset } from './lib/beir-dataset';
import { mean, ndcgAt, percentile, recallAt, reciprocalRankAt } from './lib/ir-metrics';
import { DiskVectorCache, VECTOR_CACHE_DIR } from './lib/vector-cache';

/** How one measurement runs: which engine, which mode, and fusion overrides for experiments. */
export interface SearchRelevanceOptions {
  engine: 'embedded' | 'meilisearch';
  mode: SearchMode;
  fusion?: Partial<FusionSettings>;
  meiliHost?: string;
  meiliKey?: string;
  modelDir?: string;
  /** Domain synonyms, for the seeds' set only. */
  synonyms?: Record<string, string[]>;
  relevance?: EmbeddedRelevanceOptions;
  log?: (message: string) => void;
}

/** The text a document is embedded as: the same for every run, so cached vectors are found again. */
const documentText = (document: { title: string; text: string }) => [document.title, document.text].filter(Boolean).join('\n');

/**
 * Retrieval quality of one search mode on one engine, through the production ranking path
 * (`rankedSearch`, as GraphQL uses it). Vectors come from the disk cache in .cache/embeddings,
 * keyed by text hash and model id: the first run embeds the corpus (SciFact: about 50 minutes
 * on two busy cores), every later one reads it back in a second.
 */
export async function measureSearch(dataset: BeirDataset, options: SearchRelevanceOptions) {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const fusion = { ...PRODUCTION_FUSION, ...options.fusion };
  // Kept corpus statistics, as the app keeps them, so hybrid rescores the keyword leg the same way on both engines.
  const engine = new StatisticsKeepingEngine(
    options.engine === 'meilisearch'
      ? new MeilisearchSearchEngine({ host: requireHost(options.meiliHost), ...(options.meiliKey ? { adminKey: options.meiliKey } : {}), taskTimeoutMs: 600_000 })
      : new EmbeddedSearchEngine(options.relevance),
  );
  const semantic = options.mode !== 'KEYWORD';
  let documentVectors: Float32Array[] = [];
  let queryVectors: Float32Array[] = [];
  let modelId: string | undefined;
  if (semantic) {
    const embedder = await OnnxEmbedder.load(options.modelDir ?? path.resolve(repoRoot, DEFAULT_EMBEDDING_MODEL_DIR), { threads: 2 });
    modelId = embedder.modelId;
    try {
      const cache = await DiskVectorCache.open(embedder.modelId, embedder.dimensions);
      const started = performance.now();
      documentVectors = await cache.embedAll(embedder, dataset.documents.map(documentText), (done, total) => {
        if (done % 256 === 0 || done === total) log(`embedding documents not yet in ${VECTOR_CACHE_DIR}: ${done}/${total}`);
      });
      queryVectors = await cache.embedAll(embedder, dataset.queries.map((query) => query.text));
      log(`vectors ready in ${Math.round(performance.now() - started)} ms (cache: ${VECTOR_CACHE_DIR})`);
    } finally {
      await embedder.close();
    }
  }

  const index = `relevance_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await engine.ensureIndex(
    index,
    defineIndexSettings({
      searchableAttributes: ['title', 'text'],
      stopWords: [...ENGLISH_STOP_WORDS],
      synonyms: options.synonyms ?? {},
      ...(semantic ? { vectorDimensions: 384 } : {}),
    }),
  );
  try {
    const indexStarted = performance.now();
    await engine.upsertDocuments(
      index,
      dataset.documents.map((document, position) => ({
        id: document.id,
        title: document.title,
        text: document.text,
        ...(semantic ? { [VECTOR_FIELD]: documentVectors[position] } : {}),
      })),
    );
    const indexMs = performance.now() - indexStarted;

    const ndcg: number[] = [];
    const recall10: number[] = [];
    const recall100: number[] = [];
    const mrr: number[] = [];
    const latencies: number[] = [];
    for (const [position, query] of dataset.queries.entries()) {
      const judgements = dataset.qrels.get(query.id) ?? new Map<string, number>();
      const started = performance.now();
      const response = await rankedSearch(engine, index, { query: query.text, limit: 100 }, options.mode, queryVectors[position], fusion);
      latencies.push(performance.now() - started);
      const ranking = response.hits.map((hit) => hit.id);
      ndcg.push(ndcgAt(10, ranking, judgements));
      recall10.push(recallAt(10, ranking, judgements));
      recall100.push(recallAt(100, ranking, judgements));
      mrr.push(reciprocalRankAt(10, ranking, judgements));
    }
    const round = (value: number, digits = 4) => Number(value.toFixed(digits));
    return {
      mode: options.mode,
      engine: engine.name,
      'ndcg@10': round(mean(ndcg)),
      'recall@10': round(mean(recall10)),
      'recall@100': round(mean(recall100)),
      'mrr@10': round(mean(mrr)),
      queries: dataset.queries.length,
      documents: dataset.documents.length,
      ...(semantic ? { modelId, fusion } : {}),
      indexMs: Math.round(indexMs),
      queryP50Ms: round(percentile(latencies, 50), 2),
    };
  } finally {
    await engine.deleteIndex(index);
  }
}

function requireHost(host: string | undefined): string {
  if (!host) throw new Error('--engine meilisearch needs MEILI_HOST and MEILI_MASTER_KEY');
  return host;
}
