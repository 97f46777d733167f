import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_EMBEDDING_MODEL_DIR, repoRoot } from '../../server/src/config/config';
import { OnnxEmbedder } from '../../server/src/search/embedding/onnx-embedder';
import { rankedSearch } from '../../server/src/search/hybrid-search';
import { VECTOR_FIELD, type IndexSettings, type SearchDocument, type SearchEngine, type SearchRequest } from '../../server/src/search/search-engine';
import { percentile } from './ir-metrics';
import { DiskVectorCache, VECTOR_CACHE_DIR } from './vector-cache';

/** Distinct texts embedded for the synthetic corpus; documents reuse their vectors round-robin. */
const VECTOR_POOL = 256;
/** Texts embedded afresh on every run, for the throughput figure. */
const THROUGHPUT_SAMPLE = 32;

/**
 * The semantic half of `npm run bench -- search`: embedding throughput, then vectors added to
 * every document and hybrid queries timed on the engine (query embedding included). The pool's
 * vectors are embedded once and cached in .cache/embeddings; synthetic documents reuse them, which
 * costs the same to search as distinct vectors.
 */
export async function semanticFigures(
  engine: SearchEngine,
  index: string,
  settings: IndexSettings,
  documents: SearchDocument[],
  embeddingText: (document: SearchDocument) => string,
  queries: SearchRequest[],
  rounds: number,
  log: (message: string) => void,
): Promise<{ embeddingModel: string; embedDocsPerSecond: number; vectorUpsertMs: number; hybridP50Ms: number; hybridP95Ms: number; rssMbWithVectors: number }> {
  const embedder = await OnnxEmbedder.load(path.resolve(repoRoot, DEFAULT_EMBEDDING_MODEL_DIR), { threads: 2 });
  try {
    const sample = documents.slice(0, THROUGHPUT_SAMPLE).map((document, position) => `${embeddingText(document)} (${Date.now()}-${position})`);
    const throughputStarted = performance.now();
    await embedder.embed(sample);
    const embedDocsPerSecond = THROUGHPUT_SAMPLE / ((performance.now() - throughputStarted) / 1000);

    const cache = await DiskVectorCache.open(embedder.modelId, embedder.dimensions);
    const pool = await cache.embedAll(embedder, documents.slice(0, VECTOR_POOL).map(embeddingText), (done, total) =>
      log(`embedding the bench's vector pool (once; cached in ${VECTOR_CACHE_DIR}): ${done}/${total}`),
    );
    await engine.ensureIndex(index, { ...settings, vectorDimensions: embedder.dimensions });
    const withVectors = documents.map((document, position) => ({ ...document, [VECTOR_FIELD]: pool[position % pool.length] }));
    const upsertStarted = performance.now();
    for (let start = 0; start < withVectors.length; start += 5000) await engine.upsertDocuments(index, withVectors.slice(start, start + 5000));
    const vectorUpsertMs = Math.round(performance.now() - upsertStarted);

    const run = async (request: SearchRequest) => {
      const [vector] = request.query ? await embedder.embed([request.query], { priority: 'query' }) : [undefined];
      await rankedSearch(engine, index, request, 'HYBRID', vector);
    };
    for (const request of queries) await run(request);
    const samples: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const request of queries) {
        const started = performance.now();
        await run(request);
        samples.push(performance.now() - started);
      }
    }
    const sorted = samples.sort((a, b) => a - b);
    return {
      embeddingModel: embedder.modelId,
      embedDocsPerSecond: Number(embedDocsPerSecond.toFixed(1)),
      vectorUpsertMs,
      hybridP50Ms: Number(percentile(sorted, 50).toFixed(2)),
      hybridP95Ms: Number(percentile(sorted, 95).toFixed(2)),
      rssMbWithVectors: Math.round(process.memoryUsage().rss / 1024 / 1024),
    };
  } finally {
    await embedder.close();
  }
}
