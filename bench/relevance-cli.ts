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
import { seedDevelopmentSet, writeBeirDataset } from './lib/dev-set';
import { measureMatcher } from './matcher-relevance';
import { measureSearch } from './search-relevance';
import type { SearchMode } from '../server/src/search/hybrid-search';
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
      matcher: { type: 'boolean', default: false },
      'dev-set': { type: 'boolean', default: false },
      'export-dev-set': { type: 'string' },
      engine: { type: 'string', default: 'embedded' },
      'meili-host': { type: 'string' },
      'meili-key': { type: 'string' },
      weights: { type: 'string' },
      candidates: { type: 'string' },
      mode: { type: 'string' },
      fusion: { type: 'string' },
    },
  });
  if (values['export-dev-set']) {
    await writeBeirDataset(seedDevelopmentSet(new Date()), values['export-dev-set']);
    return;
  }
  if (values.matcher) {
    if (!values.beir && !values['dev-set']) throw new Error('Usage: relevance-cli --matcher (--beir DIR | --dev-set) [--engine embedded|meilisearch --meili-host URL --meili-key KEY] [--weights JSON] [--json]');
    const dataset = values['dev-set'] ? seedDevelopmentSet(new Date()) : await loadBeirDataset(values.beir!, values.split);
    const result = await measureMatcher(dataset, {
      engine: values.engine === 'meilisearch' ? 'meilisearch' : 'embedded',
      meiliHost: values['meili-host'],
      meiliKey: values['meili-key'],
      weights: values.weights ? JSON.parse(values.weights) : undefined,
      candidates: values.candidates ? JSON.parse(values.candidates) : undefined,
    });
    process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  if (values.mode) {
    const mode = values.mode.toUpperCase();
    if (mode !== 'KEYWORD' && mode !== 'SEMANTIC' && mode !== 'HYBRID') throw new Error('--mode must be keyword, semantic or hybrid');
    if (!values.beir && !values['dev-set']) throw new Error('Usage: relevance-cli --mode keyword|semantic|hybrid (--beir DIR | --dev-set) [--engine embedded|meilisearch --meili-host URL --meili-key KEY] [--fusion JSON] [--json]');
    const dataset = values['dev-set'] ? seedDevelopmentSet(new Date()) : await loadBeirDataset(values.beir!, values.split);
    const result = await measureSearch(dataset, {
      engine: values.engine === 'meilisearch' ? 'meilisearch' : 'embedded',
      mode: mode as SearchMode,
      ...(values.fusion ? { fusion: JSON.parse(values.fusion) } : {}),
      ...(values['meili-host'] ? { meiliHost: values['meili-host'] } : {}),
      ...(values['meili-key'] ? { meiliKey: values['meili-key'] } : {}),
    });
    process.stdout.write(values.json ? `${JSON.stringify({ set: values['dev-set'] ? 'dev-set' : values.beir, ...result })}
` : `${JSON.stringify(result, null, 2)}
`);
    return;
  }
  if (!values.beir) throw new Error('Usage: relevance-cli --beir DIR [--split test] [--json] [--relevance JSON] | --matcher (--beir DIR | --dev-set) | --export-dev-set DIR');
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
