import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  EmbeddedSearchEngine,
  PRODUCTION_RELEVANCE,
  type EmbeddedRelevanceOptions,
} from '../server/src/search/adapters/embedded/embedded-search-engine';
import { ENGLISH_STOP_WORDS } from '../server/src/search/english-stop-words';
import { defineIndexSettings } from '../server/src/search/search-engine';
import { loadBeirDataset } from './lib/beir-dataset';
import { mean, ndcgAt, percentile, recallAt, reciprocalRankAt } from './lib/ir-metrics';

/**
 * Measures the embedded engine's retrieval quality on a BEIR-format dataset with the
 * production settings, so ranking changes are decided by numbers.
 * `--relevance '{"k1":0.9}'` overrides ranking knobs for experiments.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      beir: { type: 'string' },
      split: { type: 'string', default: 'test' },
      json: { type: 'boolean', default: false },
      relevance: { type: 'string' },
    },
  });
  if (!values.beir) throw new Error('Usage: relevance-cli --beir DIR [--split test] [--json] [--relevance JSON]');
  const relevance: EmbeddedRelevanceOptions = { ...PRODUCTION_RELEVANCE, ...(values.relevance ? JSON.parse(values.relevance) : {}) };
  const dataset = await loadBeirDataset(values.beir, values.split);

  const engine = new EmbeddedSearchEngine(relevance);
  const index = 'beir';
  await engine.ensureIndex(
    index,
    defineIndexSettings({ searchableAttributes: ['title', 'text'], stopWords: [...ENGLISH_STOP_WORDS] }),
  );
  const indexStarted = performance.now();
  await engine.upsertDocuments(index, dataset.documents);
  const indexMs = performance.now() - indexStarted;

  const ndcg: number[] = [];
  const recall10: number[] = [];
  const recall100: number[] = [];
  const mrr: number[] = [];
  const latencies: number[] = [];
  for (const query of dataset.queries) {
    const judgements = dataset.qrels.get(query.id) ?? new Map<string, number>();
    const started = performance.now();
    const response = await engine.search(index, { query: query.text, limit: 100 });
    latencies.push(performance.now() - started);
    const ranking = response.hits.map((hit) => hit.id);
    ndcg.push(ndcgAt(10, ranking, judgements));
    recall10.push(recallAt(10, ranking, judgements));
    recall100.push(recallAt(100, ranking, judgements));
    mrr.push(reciprocalRankAt(10, ranking, judgements));
  }

  const round = (value: number, digits = 4) => Number(value.toFixed(digits));
  const result = {
    'ndcg@10': round(mean(ndcg)),
    'recall@10': round(mean(recall10)),
    'recall@100': round(mean(recall100)),
    'mrr@10': round(mean(mrr)),
    queries: dataset.queries.length,
    documents: dataset.documents.length,
    engine: engine.name,
    indexMs: Math.round(indexMs),
    queryP50Ms: round(percentile(latencies, 50), 2),
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    console.table(Object.entries(result).map(([metric, value]) => ({ metric, value })));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
