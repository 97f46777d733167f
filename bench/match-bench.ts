import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { EmbeddedSearchEngine } from '../server/src/search/adapters/embedded/embedded-search-engine';
import { MeilisearchSearchEngine } from '../server/src/search/adapters/meilisearch/meilisearch-search-engine';
import { VECTOR_FIELD, type SearchEngine } from '../server/src/search/search-engine';
import { challengeVectorText } from '../server/src/matching/match-profiles';
import { datasetVectors } from './lib/dataset-vectors';
import { mulberry32 } from './lib/random';
import { solutionSearchSource } from '../server/src/solutions/solution.search';
import { CorpusStatistics, labelTerms, lexicalQuery, profileText } from '../server/src/search/lexical-relevance';
import { CANDIDATE_OPTIONS, requirementsFilter, retrieveCandidates } from '../server/src/matching/match-candidates';
import { rankCandidates } from '../server/src/matching/match-ranking';
import type { MatchChallenge, MatchSolution } from '../server/src/matching/match-scoring';
import { DEFAULT_WEIGHTS } from '../server/src/matching/match-weights';
import { readSeedFiles } from '../seeds/seed-data';
import { percentile } from './lib/ir-metrics';
import { progressBar } from '../server/src/shared/progress-bar';

/**
 * `npm run bench -- match --size N [--json] [--engine meilisearch] [--no-vectors]`: the matcher on N
 * synthetic published solutions (recombined from the demo's sentences, with TRLs, regions and
 * accreditations). For each open demo challenge it times the top 10 the way the server finds them
 * (the vector and keyword legs through the engine, then our re-rank of the pool) and by exhaustive
 * scoring of every solution with the same features, and reports the overlap of the two top 10s;
 * then it times `match --all` over 1,000 open challenges (retrieval and ranking, without the
 * database writes). Vectors: the demo's solutions and challenges are embedded by the model (once,
 * cached in .cache/embeddings); a synthetic solution's vector mixes those of the two demo
 * solutions it was recombined from, so meaning follows its words.
 */

const DAY_MS = 86_400_000;
const solutionSeed = z.looseObject({
  name: z.string(),
  summary: z.string(),
  description: z.string(),
  sectors: z.array(z.string()),
  tags: z.array(z.string()),
  capabilities: z.array(z.string()),
  regionsServed: z.array(z.string()),
  priceMinGbp: z.number(),
  priceMaxGbp: z.number(),
});
const challengeSeed = z.looseObject({
  key: z.string(),
  orgKey: z.string(),
  title: z.string(),
  summary: z.string(),
  what: z.string(),
  why: z.string(),
  how: z.string(),
  sectors: z.array(z.string()),
  tags: z.array(z.string()),
  region: z.string(),
  budgetMaxGbp: z.number(),
  minTrl: z.number(),
  requiredAccreditations: z.array(z.string()),
  status: z.string(),
});

const ACCREDITATIONS = ['CYBER_ESSENTIALS', 'CYBER_ESSENTIALS_PLUS', 'ISO_27001', 'DSPT', 'DTAC', 'G_CLOUD', 'NPPV'];

interface Synthetic {
  document: Record<string, unknown>;
  solution: MatchSolution;
}

type Vectors = { solutions: Float32Array[]; challenges: Float32Array[] } | undefined;

/** A unit vector between two demo vectors (mostly the first), with a little seeded noise so no two synthetic solutions coincide. */
function mixed(first: Float32Array, second: Float32Array, random: () => number): Float32Array {
  const vector = new Float32Array(first.length);
  let norm = 0;
  for (let d = 0; d < vector.length; d += 1) {
    const value = first[d]! + 0.5 * second[d]! + 0.05 * (random() - 0.5);
    vector[d] = value;
    norm += value * value;
  }
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < vector.length; d += 1) vector[d]! /= norm;
  return vector;
}

/** N solutions recombined from the demo's, deterministically; a tenth lack a required accreditation or hold a lapsed one. */
function syntheticSolutions(size: number, now: Date, vectors: Vectors): Synthetic[] {
  const seeds = readSeedFiles('solutions-', solutionSeed);
  const random = mulberry32(2026);
  const pickIndex = (length: number) => Math.floor(random() * length);
  const pick = <T>(items: readonly T[]): T => items[pickIndex(items.length)] as T;
  const sentences = seeds.flatMap((seed) => seed.description.split(/(?<=\.)\s+/));
  return Array.from({ length: size }, (_unused, index) => {
    const baseIndex = pickIndex(seeds.length);
    const otherIndex = pickIndex(seeds.length);
    const base = seeds[baseIndex]!;
    const other = seeds[otherIndex]!;
    const name = `${base.name.split(' ')[0]} ${other.name.split(' ').slice(-1)[0]} ${index}`;
    const summary = random() < 0.5 ? base.summary : other.summary;
    const description = [base.description.split(/(?<=\.)\s+/)[0], ...Array.from({ length: 4 }, () => pick(sentences))].join(' ');
    const tags = [...new Set([...base.tags.slice(0, 3), ...other.tags.slice(0, 2)])];
    const capabilities = [...new Set([...base.capabilities.slice(0, 3), ...other.capabilities.slice(0, 2)])];
    const evidence = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
      kind: 'ACCREDITATION' as const,
      description: '',
      accreditation: { type: pick(ACCREDITATIONS) as never, issuer: '', expiresAt: new Date(now.getTime() + (random() < 0.1 ? -30 : 365) * DAY_MS) },
    }));
    const id = `s${index}`;
    const trl = 4 + Math.floor(random() * 6);
    const vector = vectors ? mixed(vectors.solutions[baseIndex]!, vectors.solutions[otherIndex]!, random) : undefined;
    return {
      document: {
        id,
        version: 1,
        name,
        summary,
        description,
        capabilities,
        tags,
        status: 'PUBLISHED',
        organisationId: `o${index % 500}`,
        organisationName: '',
        trl,
        regionsServed: base.regionsServed,
        accreditations: [...new Set(evidence.map((item) => item.accreditation.type))],
        ...(vector ? { [VECTOR_FIELD]: vector } : {}),
      },
      solution: {
        id,
        text: profileText([name, name, summary, description, capabilities.join('. '), tags.join(' ')]),
        status: 'PUBLISHED',
        trl,
        evidence,
        regionsServed: base.regionsServed as MatchSolution['regionsServed'],
        organisationId: `o${index % 500}`,
        sectors: base.sectors as MatchSolution['sectors'],
        tagTerms: labelTerms([...tags, ...capabilities]),
        priceMinGbp: base.priceMinGbp,
        priceMaxGbp: base.priceMaxGbp,
        vector,
      },
    };
  });
}

/** The demo's open challenges, and as many more as asked for, recombined from their sentences. */
function challenges(count: number, now: Date, vectors: Vectors): MatchChallenge[] {
  const seeds = openChallengeSeeds();
  const random = mulberry32(7);
  const pickIndex = () => Math.floor(random() * seeds.length);
  return Array.from({ length: count }, (_unused, index) => {
    const seedIndex = index < seeds.length ? index : pickIndex();
    const otherIndex = index < seeds.length ? seedIndex : pickIndex();
    const seed = seeds[seedIndex]!;
    const other = seeds[otherIndex]!;
    return {
      id: `c${index}`,
      text: profileText([seed.title, seed.title, seed.summary, seed.what, other.why, seed.how, seed.tags.join(' ')]),
      status: 'OPEN',
      responseDeadline: new Date(now.getTime() + 30 * DAY_MS),
      minTrl: seed.minTrl,
      requiredAccreditations: seed.requiredAccreditations as MatchChallenge['requiredAccreditations'],
      region: seed.region as MatchChallenge['region'],
      organisationId: seed.orgKey,
      sectors: seed.sectors as MatchChallenge['sectors'],
      tagTerms: labelTerms(seed.tags),
      budgetMaxGbp: seed.budgetMaxGbp,
      vector: vectors ? mixed(vectors.challenges[seedIndex]!, vectors.challenges[otherIndex]!, random) : undefined,
    };
  });
}

const openChallengeSeeds = () => readSeedFiles('challenges-', challengeSeed).filter((seed) => seed.status === 'OPEN');

/** The demo's solutions and open challenges embedded as the server embeds them (through the disk cache). */
async function demoVectors(log: (message: string) => void): Promise<Vectors> {
  const solutions = readSeedFiles('solutions-', solutionSeed);
  const open = openChallengeSeeds();
  const embedded = await datasetVectors(
    {
      documents: solutions.map((seed) => ({ id: seed.name, title: seed.name, text: [seed.summary, seed.capabilities.join(', '), seed.description].join('\n') })),
      queries: open.map((seed) => ({ id: seed.key, text: challengeVectorText(seed) })),
      qrels: new Map(),
    },
    (query) => query.text,
    log,
  );
  return { solutions: embedded.documents, challenges: embedded.queries };
}

function benchEngine(kind: string): SearchEngine {
  if (kind === 'embedded') return new EmbeddedSearchEngine();
  const host = process.env.MEILI_HOST;
  if (kind !== 'meilisearch' || !host) throw new Error('--engine is embedded, or meilisearch with MEILI_HOST and MEILI_MASTER_KEY set');
  return new MeilisearchSearchEngine({ host, adminKey: process.env.MEILI_MASTER_KEY ?? '', indexPrefix: `matchbench_${Date.now()}_`, taskTimeoutMs: 1_800_000 });
}

const summary = (samples: number[]) => ({
  p50: Number(percentile(samples, 50).toFixed(1)),
  p95: Number(percentile(samples, 95).toFixed(1)),
});

export async function runMatchBench(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: {
      size: { type: 'string', default: '10000' },
      json: { type: 'boolean', default: false },
      all: { type: 'string', default: '1000' },
      /** How many of the demo's open challenges are timed both ways (exhaustive scoring of 100k takes seconds each). */
      timed: { type: 'string', default: '65' },
      weights: { type: 'string' },
      candidates: { type: 'string' },
      engine: { type: 'string', default: 'embedded' },
      'no-vectors': { type: 'boolean', default: false },
    },
  });
  const size = Number(values.size);
  const allCount = Number(values.all);
  if (!Number.isInteger(size) || size < 1) throw new Error('--size must be a positive integer');
  const now = new Date();
  const log = (message: string) => values.json || console.log(message);

  const vectors = values['no-vectors'] ? undefined : await demoVectors(log);
  const corpus = syntheticSolutions(size, now, vectors);
  const byId = new Map(corpus.map((entry) => [entry.solution.id, entry.solution]));
  const statistics = new CorpusStatistics();
  for (const entry of corpus) statistics.add(entry.solution.text);
  const engine = benchEngine(values.engine);
  await engine.ensureIndex('solutions', { ...solutionSearchSource.settings, ...(vectors ? { vectorDimensions: vectors.solutions[0]!.length } : {}) });
  const indexStarted = performance.now();
  for (let start = 0; start < corpus.length; start += 5000) {
    await engine.upsertDocuments('solutions', corpus.slice(start, start + 5000).map((entry) => entry.document));
  }
  const indexMs = performance.now() - indexStarted;
  log(`indexed ${size} solutions in ${Math.round(indexMs)} ms`);

  const options = { weights: { ...DEFAULT_WEIGHTS, ...(values.weights ? JSON.parse(values.weights) : {}) }, now, limit: 10, explain: false } as const;
  const candidateOptions = { ...CANDIDATE_OPTIONS, ...(values.candidates ? JSON.parse(values.candidates) : {}) };
  const retrievalMs: number[] = [];
  const topTen = async (challenge: MatchChallenge) => {
    const started = performance.now();
    const ids = await retrieveCandidates(
      engine,
      'solutions',
      lexicalQuery(challenge.text, statistics),
      { ...candidateOptions, filter: requirementsFilter(challenge) },
      challenge.vector instanceof Float32Array ? challenge.vector : undefined,
    );
    retrievalMs.push(performance.now() - started);
    const ranked = rankCandidates(challenge, ids.flatMap((id) => byId.get(id) ?? []), statistics, options);
    return { ids: ranked.suggestions.map((match) => match.id), pool: ids.length };
  };
  const everything = corpus.map((entry) => entry.solution);
  const exhaustive = (challenge: MatchChallenge) => rankCandidates(challenge, everything, statistics, options).suggestions;

  const open = challenges(allCount, now, vectors);
  const sample = open.slice(0, Number(values.timed));
  await topTen(sample[0]!); // warm-up
  const pooled: number[] = [];
  const full: number[] = [];
  const overlaps: number[] = [];

  const pools: number[] = [];
  for (const challenge of sample) {
    let started = performance.now();
    const fast = await topTen(challenge);
    pooled.push(performance.now() - started);
    pools.push(fast.pool);
    started = performance.now();
    const slow = exhaustive(challenge);
    full.push(performance.now() - started);
    const reference = new Set(slow.map((match) => match.id));
    overlaps.push(reference.size === 0 ? 1 : fast.ids.filter((id) => reference.has(id)).length / reference.size);

  }
  log(`timed ${sample.length} challenges both ways`);

  const sampleRetrieval = summary(retrievalMs);
  const progress = progressBar('match --all', (text) => values.json || process.stdout.write(text));
  const allStarted = performance.now();
  for (const [position, challenge] of open.entries()) {
    await topTen(challenge);
    progress(position + 1, open.length);
  }
  const allMs = performance.now() - allStarted;

  const pooledSummary = summary(pooled);
  const fullSummary = summary(full);
  const result = {
    solutions: size,
    engine: engine.name,
    indexMs: Math.round(indexMs),
    challengesTimed: sample.length,
    meanPool: Math.round(pools.reduce((sum, value) => sum + value, 0) / pools.length),
    vectors: vectors ? 'demo embeddings, mixed per synthetic solution' : 'off (keyword leg only)',
    candidateOptions,
    top10Ms: pooledSummary,
    retrievalMs: sampleRetrieval,
    exhaustiveTop10Ms: fullSummary,
    speedUpP50: Number((fullSummary.p50 / pooledSummary.p50).toFixed(1)),
    top10Overlap: Number((overlaps.reduce((sum, value) => sum + value, 0) / overlaps.length).toFixed(3)),
    matchAll: { challenges: open.length, totalMs: Math.round(allMs), msPerChallenge: Number((allMs / open.length).toFixed(1)), note: 'retrieval and ranking; database writes not included' },
    rssMb: Math.round(process.memoryUsage().rss / 1e6),
  };
  if (values.engine !== 'embedded') await engine.deleteIndex('solutions');
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`);
}
