import { ENGLISH_STOP_WORDS } from './english-stop-words';
import { TextAnalyzer } from './adapters/embedded/text-analyzer';

/**
 * Lexical relevance computed by Pilotline itself, not by the search engine: engines rank long
 * queries badly (Meilisearch keeps only the first ten words) and differently from each other, so
 * the engine only supplies candidates and every candidate is scored here with BM25 over corpus
 * statistics we keep. The matcher and hybrid search both rank this way. The same analysis as the
 * embedded index (stemming, stop words).
 */

const analyzer = new TextAnalyzer(ENGLISH_STOP_WORDS);

/** A text as bag of index terms, with one surface word per term for explanations. */
export interface TextProfile {
  terms: Map<string, number>;
  length: number;
  /** Term → a word as written, so "matched terms" read as words, not stems. */
  surface: Map<string, string>;
}

/** Analyses the given texts into one profile (fields are concatenated; empty ones are skipped). */
export function profileText(texts: readonly string[]): TextProfile {
  const terms = new Map<string, number>();
  const surface = new Map<string, string>();
  let length = 0;
  for (const text of texts) {
    for (const token of analyzer.tokenize(text)) {
      if (analyzer.isStopWord(token.word)) continue;
      length += 1;
      terms.set(token.term, (terms.get(token.term) ?? 0) + 1);
      if (!surface.has(token.term)) surface.set(token.term, token.word);
    }
  }
  return { terms, length, surface };
}

/**
 * The part of a text's profile that BM25 reads for one query: how often each query term occurs,
 * and the text's length. Rescoring a pool of documents for one query this way skips counting
 * every other word they hold, which was most of hybrid search's time.
 */
export function profileForQuery(query: LexicalQuery, texts: readonly string[]): TextProfile {
  const terms = new Map<string, number>();
  let length = 0;
  for (const text of texts) {
    for (const { term } of analyzer.indexedWords(text)) {
      length += 1;
      if (query.weights.has(term)) terms.set(term, (terms.get(term) ?? 0) + 1);
    }
  }
  return { terms, length, surface: new Map() };
}

/** The distinct index terms of short labels such as tags ("older-people") and capabilities. */
export function labelTerms(labels: readonly string[]): Set<string> {
  return new Set(labels.flatMap((label) => analyzer.terms(label)));
}

/** BM25 saturation (k1), length normalisation (b), and how repeated query words count (k3). */
export interface LexicalParameters {
  k1: number;
  b: number;
  k3: number;
}

/** Chosen on the development set and SciFact together (see README, "Matching"). */
export const LEXICAL_PARAMETERS: LexicalParameters = { k1: 1.2, b: 0.75, k3: 8 };

/**
 * Document frequencies over one side's corpus (all solutions, or all open challenges), kept
 * incrementally: adding or removing one record adjusts the counts, nothing rescans the corpus.
 */
export class CorpusStatistics {
  private readonly documentFrequency = new Map<string, number>();
  private documents = 0;
  private totalLength = 0;

  add(profile: TextProfile): void {
    this.documents += 1;
    this.totalLength += profile.length;
    for (const term of profile.terms.keys()) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
  }

  remove(profile: TextProfile): void {
    this.documents = Math.max(0, this.documents - 1);
    this.totalLength = Math.max(0, this.totalLength - profile.length);
    for (const term of profile.terms.keys()) {
      const left = (this.documentFrequency.get(term) ?? 1) - 1;
      if (left > 0) this.documentFrequency.set(term, left);
      else this.documentFrequency.delete(term);
    }
  }

  get size(): number {
    return this.documents;
  }

  get averageLength(): number {
    return this.documents === 0 ? 1 : this.totalLength / this.documents;
  }

  /** How many documents contain the term. */
  documentsWith(term: string): number {
    return this.documentFrequency.get(term) ?? 0;
  }

  /** BM25's idf, never negative: a term in most documents says little, and nothing against. */
  idf(term: string): number {
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (this.documents - df + 0.5) / (df + 0.5));
  }
}

/** A query prepared once for scoring many documents: each term's weight (query frequency × idf). */
export interface LexicalQuery {
  weights: Map<string, number>;
  surface: Map<string, string>;
  /** Terms some document contains: only these can retrieve anything. */
  present: Set<string>;
}

export function lexicalQuery(profile: TextProfile, statistics: CorpusStatistics, parameters = LEXICAL_PARAMETERS): LexicalQuery {
  const weights = new Map<string, number>();
  const present = new Set<string>();
  for (const [term, frequency] of profile.terms) {
    const queryWeight = ((parameters.k3 + 1) * frequency) / (parameters.k3 + frequency);
    weights.set(term, queryWeight * statistics.idf(term));
    if (statistics.documentsWith(term) > 0) present.add(term);
  }
  return { weights, surface: profile.surface, present };
}

/** BM25 of one document for the query, term by term (for explanations) or summed (for ranking). */
function termScores(
  query: LexicalQuery,
  document: TextProfile,
  statistics: CorpusStatistics,
  parameters: LexicalParameters,
  visit: (term: string, score: number) => void,
): void {
  const norm = parameters.k1 * (1 - parameters.b + (parameters.b * document.length) / statistics.averageLength);
  // Iterate the shorter side: solutions are usually shorter than a challenge's whole text.
  if (document.terms.size < query.weights.size) {
    for (const [term, frequency] of document.terms) {
      const weight = query.weights.get(term);
      if (weight !== undefined) visit(term, (weight * frequency * (parameters.k1 + 1)) / (frequency + norm));
    }
  } else {
    for (const [term, weight] of query.weights) {
      const frequency = document.terms.get(term);
      if (frequency !== undefined) visit(term, (weight * frequency * (parameters.k1 + 1)) / (frequency + norm));
    }
  }
}

export function bm25(query: LexicalQuery, document: TextProfile, statistics: CorpusStatistics, parameters = LEXICAL_PARAMETERS): number {
  let total = 0;
  termScores(query, document, statistics, parameters, (_term, score) => {
    total += score;
  });
  return total;
}

/** The words that contributed most to a document's lexical score, best first. */
export function matchedTerms(
  query: LexicalQuery,
  document: TextProfile,
  statistics: CorpusStatistics,
  limit: number,
  parameters = LEXICAL_PARAMETERS,
): string[] {
  const scored: [string, number][] = [];
  termScores(query, document, statistics, parameters, (term, score) => scored.push([term, score]));
  return scored
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([term]) => query.surface.get(term) ?? term);
}

/**
 * The query's most informative words (highest weight) that some document contains, as written:
 * what a keyword candidate query sends to an engine, which would otherwise drown a long text in
 * common words. A word no document has is the most "informative" of all, and retrieves nothing.
 */
export function informativeWords(query: LexicalQuery, limit: number): string[] {
  return [...query.weights]
    .filter(([term]) => query.present.has(term))
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([term]) => query.surface.get(term) ?? term);
}
