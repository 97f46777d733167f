import type { TypoToleranceSettings } from '../../search-engine';
import type { Bm25Index, QueryGroup, TermAlternative } from './bm25-index';
import { foldWord, type TextAnalyzer } from './text-analyzer';

/** How much looser matches count against an exact match (1). */
export interface ExpansionWeights {
  synonym: number;
  typo: number;
  prefix: number;
  /** Prefix completions kept per word, most frequent first, so "a" does not expand to the vocabulary. */
  maxPrefixExpansions: number;
}

/** Pseudo-relevance feedback (RM3): re-query with terms typical of the first results. */
export interface FeedbackSettings {
  documents: number;
  terms: number;
  /** Share of the final query kept for the user's own words. */
  originalWeight: number;
}

/** A query turned into scoring groups, with the terms worth highlighting. */
export interface QueryPlan {
  groups: QueryGroup[];
  matchedTerms: Set<string>;
}

/** Optimal-string-alignment distance, giving up once it exceeds `limit`; a transposition is one typo, as in Meilisearch. */
export function editDistanceWithin(a: string, b: string, limit: number): number | undefined {
  if (Math.abs(a.length - b.length) > limit) return undefined;
  const width = b.length + 1;
  let beforePrevious = new Int32Array(width);
  let previous = Int32Array.from({ length: width }, (_, index) => index);
  let current = new Int32Array(width);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return undefined;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  const distance = previous[b.length] ?? Infinity;
  return distance <= limit ? distance : undefined;
}

function addAlternative(alternatives: Map<string, number>, term: string, weight: number): void {
  if (weight > (alternatives.get(term) ?? 0)) alternatives.set(term, weight);
}

/**
 * Plans a query the way a search box expects: every non-stop word is a group; a word may
 * match its synonyms, a close misspelling (typo tolerance) and, when it is the last word
 * and the user has not typed a separator after it, any longer word it starts (search as
 * you type). Typo and prefix matches are restricted to terms with the same first letter,
 * which keeps lookups to one bucket and matches how people misspell.
 */
export function planQuery(
  query: string,
  context: {
    analyzer: TextAnalyzer;
    index: Bm25Index;
    synonyms: ReadonlyMap<string, string[]>;
    typoTolerance: TypoToleranceSettings;
    weights: ExpansionWeights;
  },
): QueryPlan {
  const { analyzer, index, synonyms, typoTolerance, weights } = context;
  const tokens = analyzer.tokenize(query);
  const lastToken = tokens.at(-1);
  const typingLastWord = lastToken !== undefined && lastToken.end === query.length;
  const groupsByWord = new Map<string, QueryGroup>();
  const matchedTerms = new Set<string>();

  tokens.forEach((token, position) => {
    if (analyzer.isStopWord(token.word) || groupsByWord.has(token.word)) return;
    const alternatives = new Map<string, number>([[token.term, 1]]);
    for (const synonym of synonyms.get(token.word) ?? []) {
      for (const term of analyzer.terms(synonym)) addAlternative(alternatives, term, weights.synonym);
    }
    if (typoTolerance.enabled && token.word.length >= typoTolerance.minWordSizeForOneTypo) {
      const limit = token.word.length >= typoTolerance.minWordSizeForTwoTypos ? 2 : 1;
      for (const candidate of index.termsSharingInitial(token.term)) {
        const distance = editDistanceWithin(token.term, candidate, limit);
        if (distance !== undefined && distance > 0) addAlternative(alternatives, candidate, weights.typo / distance);
      }
    }
    if (position === tokens.length - 1 && typingLastWord) {
      const completions = [...index.termsSharingInitial(token.word)]
        .filter((candidate) => candidate !== token.term && candidate.startsWith(token.word))
        .sort((x, y) => index.documentFrequency(y) - index.documentFrequency(x))
        .slice(0, weights.maxPrefixExpansions);
      for (const completion of completions) addAlternative(alternatives, completion, weights.prefix);
    }
    for (const term of alternatives.keys()) matchedTerms.add(term);
    groupsByWord.set(token.word, { alternatives: toAlternatives(alternatives), weight: 1 });
  });
  return { groups: [...groupsByWord.values()], matchedTerms };
}

function toAlternatives(alternatives: Map<string, number>): TermAlternative[] {
  return [...alternatives].map(([term, weight]) => ({ term, weight }));
}

/**
 * RM3 (Lavrenko & Croft's relevance model, interpolated with the original query): the
 * top documents vote, weighted by score, for the terms that best describe them; the
 * strongest terms join the query at reduced weight. Helps recall for verbose queries.
 */
export function expandWithFeedback(
  plan: QueryPlan,
  ranked: ReadonlyArray<readonly [number, number]>,
  index: Bm25Index,
  feedback: FeedbackSettings,
): QueryGroup[] {
  const top = ranked.slice(0, feedback.documents);
  const totalScore = top.reduce((sum, [, score]) => sum + score, 0);
  if (top.length === 0 || totalScore <= 0) return plan.groups;
  const relevance = new Map<string, number>();
  for (const [docNumber, score] of top) {
    const length = index.documentLength(docNumber);
    for (const [term, frequency] of index.termFrequencies(docNumber) ?? []) {
      relevance.set(term, (relevance.get(term) ?? 0) + (score / totalScore) * (frequency / length));
    }
  }
  const expansion = [...relevance].sort((x, y) => y[1] - x[1]).slice(0, feedback.terms);
  const expansionTotal = expansion.reduce((sum, [, weight]) => sum + weight, 0);
  const originalShare = feedback.originalWeight / Math.max(plan.groups.length, 1);
  const groups = plan.groups.map((group) => ({ ...group, weight: group.weight * originalShare }));
  for (const [term, weight] of expansion) {
    groups.push({ alternatives: [{ term, weight: 1 }], weight: ((1 - feedback.originalWeight) * weight) / expansionTotal });
  }
  return groups;
}

/** Folds synonym keys like query words, so "NHS" in settings matches "nhs" typed. */
export function synonymMap(synonyms: Record<string, string[]>): Map<string, string[]> {
  return new Map(Object.entries(synonyms).map(([word, equivalents]) => [foldWord(word), equivalents]));
}
