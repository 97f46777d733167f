import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  EmbeddedSearchEngine,
  PRODUCTION_RELEVANCE,
  type EmbeddedRelevanceOptions,
} from '../server/src/search/adapters/embedded/embedded-search-engine';
import { MeilisearchSearchEngine } from '../server/src/search/adapters/meilisearch/meilisearch-search-engine';
import { ENGLISH_STOP_WORDS } from '../server/src/search/english-stop-words';
import { defineIndexSettings, type SearchEngine } from '../server/src/search/search-engine';
import { PUBLIC_SECTOR_SYNONYMS } from '../server/src/search/vocabulary';
import { loadBeirDataset, type BeirDataset } from './lib/beir-dataset';
import { mean, ndcgAt, percentile, recallAt, reciprocalRankAt } from './lib/ir-metrics';
import { PlainBm25 } from './lib/plain-bm25';
import { seedDevelopmentSet, writeBeirDataset } from './lib/dev-set';
import { measureMatcher } from './matcher-relevance';
import { measureSearch } from './search-relevance';
import type { SearchMode } from '../server/src/search/hybrid-search';

interface NamedDataset {
  name: string;
  dataset: BeirDataset;
  /** Domain synonyms belong to our own data only. */
  synonyms: Record<string, string[]>;
}

/** Ranks one query: the ids of the first 100 documents, best first. */
type Ranker = (query: string) => Promise<string[]>;

const round = (value: number, digits = 4) => Number(value.toFixed(digits));

async function measure(engine: string, { name, dataset }: NamedDataset, rank: Ranker) {
  const ndcg: number[] = [];
  const recall10: number[] = [];
  const recall100: number[] = [];
  const mrr: number[] = [];
  const latencies: number[] = [];
  for (const query of dataset.queries) {
    const judgements = dataset.qrels.get(query.id) ?? new Map<string, number>();
    const started = performance.now();
    const ranking = await rank(query.text);
    latencies.push(performance.now() - started);
    ndcg.push(ndcgAt(10, ranking, judgements));
    recall10.push(recallAt(10, ranking, judgements));
    recall100.push(recallAt(100, ranking, judgements));
    mrr.push(reciprocalRankAt(10, ranking, judgements));
  }
  return {
    dataset: name,
    engine,
    'ndcg@10': round(mean(ndcg)),
    'recall@10': round(mean(recall10)),
    'mrr@10': round(mean(mrr)),
    'recall@100': round(mean(recall100)),
    queries: dataset.queries.length,
    documents: dataset.documents.length,
    queryP50Ms: round(percentile(latencies, 50), 2),
  };
}

/** Indexes the dataset in an adapter, as the app would, and ranks through its search. */
async function adapterRanker(engine: SearchEngine, { dataset, synonyms }: NamedDataset, index: string): Promise<Ranker> {
  await engine.ensureIndex(
    index,
    defineIndexSettings({ searchableAttributes: ['title', 'text'], stopWords: [...ENGLISH_STOP_WORDS], synonyms }),
  );
  await engine.upsertDocuments(index, dataset.documents);
  return async (query) => (await engine.search(index, { query, limit: 100 })).hits.map((hit) => hit.id);
}

function meilisearchFromEnvironment(): MeilisearchSearchEngine {
  const host = process.env.MEILI_HOST;
  const adminKey = process.env.MEILI_MASTER_KEY;
  if (!host || !adminKey) throw new Error('--engine meilisearch needs MEILI_HOST and MEILI_MASTER_KEY');
  return new MeilisearchSearchEngine({ host, adminKey, indexPrefix: `relevance_${Date.now()}_`, taskTimeoutMs: 300_000 });
}

/**
 * `npm run relevance`: retrieval quality of a search engine on the seeds' labelled development
 * set (always) and on any BEIR-format set given with `--beir DIR` (e.g. SciFact), each printed
 * beside a plain BM25 baseline on the same data. `--engine meilisearch` measures through the
 * Meilisearch adapter (MEILI_HOST, MEILI_MASTER_KEY); `--baseline` prints only the baseline;
 * `--relevance '{"k1":0.9}'` overrides the embedded engine's ranking knobs for experiments.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      beir: { type: 'string', multiple: true, default: [] },
      split: { type: 'string', default: 'test' },
      engine: { type: 'string', default: 'embedded' },
      baseline: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      relevance: { type: 'string' },
      matcher: { type: 'boolean', default: false },
      'no-vectors': { type: 'boolean', default: false },
      weights: { type: 'string' },
      candidates: { type: 'string' },
      'export-dev-set': { type: 'string' },
      mode: { type: 'string' },
      fusion: { type: 'string' },
    },
  });
  if (!['embedded', 'meilisearch'].includes(values.engine)) throw new Error('--engine is embedded or meilisearch');
  const relevance: EmbeddedRelevanceOptions = { ...PRODUCTION_RELEVANCE, ...(values.relevance ? JSON.parse(values.relevance) : {}) };
  if (values['export-dev-set']) {
    await writeBeirDataset(seedDevelopmentSet(new Date()), values['export-dev-set']);
    return;
  }
  if (values.matcher) {
    // The matcher reads the records' structured fields too, so its dev set keeps them (and absolute dates).
    const matcherSets: NamedDataset[] = [{ name: 'seeds dev set', dataset: seedDevelopmentSet(new Date()), synonyms: PUBLIC_SECTOR_SYNONYMS }];
    for (const directory of values.beir) {
      matcherSets.push({ name: path.basename(path.resolve(directory)), dataset: await loadBeirDataset(directory, values.split), synonyms: {} });
    }
    for (const named of matcherSets) {
      const engine = values.engine === 'meilisearch' ? meilisearchFromEnvironment() : new EmbeddedSearchEngine(relevance);
      const result = await measureMatcher(named.dataset, engine, {
        weights: values.weights ? JSON.parse(values.weights) : undefined,
        candidates: values.candidates ? JSON.parse(values.candidates) : undefined,
        vectors: !values['no-vectors'],
      });
      process.stdout.write(`${JSON.stringify({ set: named.name, ...result }, null, values.json ? undefined : 2)}\n`);
    }
    return;
  }
  const datasets: NamedDataset[] = [
    { name: 'seeds dev set', dataset: seedDevelopmentSet(new Date()), synonyms: PUBLIC_SECTOR_SYNONYMS },
  ];
  for (const directory of values.beir) {
    datasets.push({ name: path.basename(path.resolve(directory)), dataset: await loadBeirDataset(directory, values.split), synonyms: {} });
  }

  const rows = [];
  if (values.mode) {
    // A search mode measures the production ranking path (keyword, vector, fused) on each set.
    const mode = values.mode.toUpperCase();
    if (mode !== 'KEYWORD' && mode !== 'SEMANTIC' && mode !== 'HYBRID') throw new Error('--mode is keyword, semantic or hybrid');
    for (const named of datasets) {
      rows.push({
        dataset: named.name,
        ...(await measureSearch(named.dataset, {
          engine: values.engine === 'meilisearch' ? 'meilisearch' : 'embedded',
          mode: mode as SearchMode,
          synonyms: named.synonyms,
          relevance,
          ...(values.fusion ? { fusion: JSON.parse(values.fusion) } : {}),
          ...(process.env.MEILI_HOST ? { meiliHost: process.env.MEILI_HOST } : {}),
          ...(process.env.MEILI_MASTER_KEY ? { meiliKey: process.env.MEILI_MASTER_KEY } : {}),
        })),
      });
    }
  }
  for (const [position, named] of values.mode ? [] : datasets.entries()) {
    if (!values.baseline) {
      if (values.engine === 'meilisearch') {
        const engine = meilisearchFromEnvironment();
        try {
          rows.push(await measure('meilisearch', named, await adapterRanker(engine, named, `set${position}`)));
        } finally {
          await engine.deleteIndex(`set${position}`);
        }
      } else {
        const engine = new EmbeddedSearchEngine(relevance);
        rows.push(await measure(engine.name, named, await adapterRanker(engine, named, 'relevance')));
      }
    }
    const baseline = new PlainBm25(named.dataset.documents);
    rows.push(await measure('plain BM25 (k1 1.2, b 0.75)', named, async (query) => baseline.search(query, 100)));
  }
  if (values.json) for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
  else console.table(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
