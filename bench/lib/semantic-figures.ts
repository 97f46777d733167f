import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_EMBEDDING_MODEL_DIR, repoRoot } from '../../server/src/config/config';
import { DOCUMENT_IDLE_MS, OnnxEmbedder } from '../../server/src/search/embedding/onnx-embedder';
import { rankedSearch } from '../../server/src/search/hybrid-search';
import { StatisticsKeepingEngine } from '../../server/src/search/statistics-keeping-engine';
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
/** Wall and CPU milliseconds of each query, sorted, after one warm-up pass. */
async function timed(queries: SearchRequest[], rounds: number, run: (request: SearchRequest) => Promise<unknown>): Promise<{ wall: number[]; cpu: number[] }> {
  for (const request of queries) await run(request);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const request of queries) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      await run(request);
      const used = process.cpuUsage(cpuStarted);
      cpu.push((used.user + used.system) / 1000);
      wall.push(performance.now() - started);
    }
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
}

export async function semanticFigures(
  engine: SearchEngine,
  index: string,
  settings: IndexSettings,
  documents: SearchDocument[],
  embeddingText: (document: SearchDocument) => string,
  queries: SearchRequest[],
  rounds: number,
  log: (message: string) => void,
): Promise<{
  embeddingModel: string;
  embedDocsPerSecond: number;
  vectorUpsertMs: number;
  hybridP50Ms: number;
  hybridP95Ms: number;
  rankingP50Ms: number;
  rankingP95Ms: number;
  rankingCpuP95Ms: number;
  rssMbWithVectors: number;
  rssMbWhileEmbedding: number;
}> {
  const embedder = await OnnxEmbedder.load(path.resolve(repoRoot, DEFAULT_EMBEDDING_MODEL_DIR), { threads: 2 });
  try {
    const cache = await DiskVectorCache.open(embedder.modelId, embedder.dimensions);
    const pool = await cache.embedAll(embedder, documents.slice(0, VECTOR_POOL).map(embeddingText), (done, total) =>
      log(`embedding the bench's vector pool (once; cached in ${VECTOR_CACHE_DIR}): ${done}/${total}`),
    );
    // As the app serves it: the keyword leg of the fusion pool rescored over kept corpus statistics.
    const keeping = new StatisticsKeepingEngine(engine);
    // Built afresh with vectors, as the app builds it: re-indexing the keyword-only index in place
    // would hold both copies at once and leave the heap at that high-water mark.
    await engine.deleteIndex(index);
    await keeping.ensureIndex(index, { ...settings, vectorDimensions: embedder.dimensions });
    const upsertStarted = performance.now();
    for (let start = 0; start < documents.length; start += 5000) {
      const slice = documents.slice(start, start + 5000);
      await keeping.upsertDocuments(index, slice.map((document, offset) => ({ ...document, [VECTOR_FIELD]: pool[(start + offset) % pool.length] })));
    }
    const vectorUpsertMs = Math.round(performance.now() - upsertStarted);

    const sample = documents.slice(0, THROUGHPUT_SAMPLE).map((document, position) => `${embeddingText(document)} (${Date.now()}-${position})`);
    // One batch first, so the figure is the thread's steady pace, not its first allocations.
    await embedder.embed(sample.slice(0, 8).map((text) => `${text} warm-up`));
    const throughputStarted = performance.now();
    await embedder.embed(sample);
    const embedDocsPerSecond = THROUGHPUT_SAMPLE / ((performance.now() - throughputStarted) / 1000);
    const lastDocumentEmbedding = performance.now();
    // Both model threads up, as while records are being embedded.
    const rssMbWhileEmbedding = Math.round(process.memoryUsage().rss / 1024 / 1024);

    const embedQuery = async (request: SearchRequest) => (request.query ? (await embedder.embed([request.query], { priority: 'query' }))[0] : undefined);
    // Whole queries (embedding included), then the ranking alone with the vectors made beforehand:
    // on a shared machine the second, and its CPU time, show what the engine and the fusion cost.
    const whole = await timed(queries, rounds, async (request) => rankedSearch(keeping, index, request, 'HYBRID', embedQuery(request)));
    const vectors = new Map<SearchRequest, Float32Array | undefined>();
    for (const request of queries) vectors.set(request, await embedQuery(request));
    const ranking = await timed(queries, rounds, (request) => rankedSearch(keeping, index, request, 'HYBRID', vectors.get(request)));
    // At rest the app's document thread has stopped (it runs only while records are embedded), so
    // that RSS is measured once it has, beside the one above with both threads up.
    const idleLeft = lastDocumentEmbedding + DOCUMENT_IDLE_MS + 1000 - performance.now();
    if (idleLeft > 0) await new Promise((resolve) => setTimeout(resolve, idleLeft));
    const round = (value: number) => Number(value.toFixed(2));
    return {
      embeddingModel: embedder.modelId,
      embedDocsPerSecond: Number(embedDocsPerSecond.toFixed(1)),
      vectorUpsertMs,
      hybridP50Ms: round(percentile(whole.wall, 50)),
      hybridP95Ms: round(percentile(whole.wall, 95)),
      rankingP50Ms: round(percentile(ranking.wall, 50)),
      rankingP95Ms: round(percentile(ranking.wall, 95)),
      rankingCpuP95Ms: round(percentile(ranking.cpu, 95)),
      rssMbWithVectors: Math.round(process.memoryUsage().rss / 1024 / 1024),
      rssMbWhileEmbedding,
    };
  } finally {
    await embedder.close();
  }
}
