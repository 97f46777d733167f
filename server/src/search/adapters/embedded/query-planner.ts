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

/** A query turned into scoring groups, with the indexed words worth highlighting. */
export interface QueryPlan {
  groups: QueryGroup[];
  matchedWords: Set<string>;
}

/** Alternatives of one group by what they match, keeping the best weight of each. */
class Alternatives {
  private readonly byKey = new Map<string, TermAlternative>();

  add(key: string, words: readonly string[], weight: number): void {
    if (words.length === 0 || weight <= (this.byKey.get(key)?.weight ?? 0)) return;
    this.byKey.set(key, { words, weight });
  }

  list(): TermAlternative[] {
    return [...this.byKey.values()];
  }
}

/** Typos allowed in a word of this length, by Meilisearch's rule: none below one size, two from another. */
function typoLimit(word: string, typoTolerance: TypoToleranceSettings): number {
  if (!typoTolerance.enabled || word.length < typoTolerance.minWordSizeForOneTypo) return 0;
  return word.length >= typoTolerance.minWordSizeForTwoTypos ? 2 : 1;
}

/**
 * Plans a query the way a search box expects: every non-stop word is a group; a word may
 * match its synonyms, a close misspelling (typo tolerance) and, when it is the last word
 * and the user has not typed a separator after it, any longer word it starts, misspelt or not
 * (search as you type). Typos and prefixes are matched on the indexed words as written, not on
 * their stems, and only among words with the same first letter, which matches how people
 * misspell; the dictionary finds them without comparing the query word with every word.
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
  const matchedWords = new Set<string>();

  tokens.forEach((token, position) => {
    if (analyzer.isStopWord(token.word) || groupsByWord.has(token.word)) return;
    const alternatives = new Alternatives();
    // Stems are keyed apart from single words, so a typo's one word never displaces a whole stem.
    alternatives.add(`stem:${token.term}`, index.wordsOf(token.term), 1);
    for (const synonym of synonyms.get(token.word) ?? []) {
      for (const term of analyzer.terms(synonym)) alternatives.add(`stem:${term}`, index.wordsOf(term), weights.synonym);
    }
    // A word the index knows is most likely meant as written: typo variants would only add noise.
    const limit = index.wordsOf(token.term).length > 0 ? 0 : typoLimit(token.word, typoTolerance);
    const asPrefix = position === tokens.length - 1 && typingLastWord;
    const completions: Array<{ word: string; weight: number; documentFrequency: number }> = [];
    const complete = (word: string, weight: number) => completions.push({ word, weight, documentFrequency: index.documentFrequency(word) });
    if (limit > 0) {
      for (const near of index.dictionary.near(token.word, limit, asPrefix)) {
        // Words of the query word's own stem are already in its exact alternative.
        if (index.dictionary.termOf(near.word) === token.term) continue;
        if (near.distance !== undefined) alternatives.add(`word:${near.word}`, [near.word], weights.typo / near.distance);
        if (near.prefixDistance === 0) complete(near.word, weights.prefix);
        else if (near.prefixDistance !== undefined) complete(near.word, (weights.prefix * weights.typo) / near.prefixDistance);
      }
    } else if (asPrefix) {
      for (const word of index.dictionary.completions(token.word)) {
        if (index.dictionary.termOf(word) !== token.term) complete(word, weights.prefix);
      }
    }
    // The most common completions only, so a one-letter prefix does not expand to the vocabulary.
    completions
      .sort((x, y) => y.weight - x.weight || y.documentFrequency - x.documentFrequency || (x.word < y.word ? -1 : 1))
      .slice(0, weights.maxPrefixExpansions)
      .forEach(({ word, weight }) => alternatives.add(`word:${word}`, [word], weight));
    const listed = alternatives.list();
    for (const alternative of listed) for (const word of alternative.words) matchedWords.add(word);
    groupsByWord.set(token.word, { alternatives: listed, weight: 1 });
  });
  return { groups: [...groupsByWord.values()], matchedWords };
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
  /** A document's terms in order; re-analysed from the stored document, since only a few top ones are needed. */
  termsOf: (docNumber: number) => string[],
): QueryGroup[] {
  const top = ranked.slice(0, feedback.documents);
  const totalScore = top.reduce((sum, [, score]) => sum + score, 0);
  if (top.length === 0 || totalScore <= 0) return plan.groups;
  const relevance = new Map<string, number>();
  for (const [docNumber, score] of top) {
    const terms = termsOf(docNumber);
    for (const term of terms) relevance.set(term, (relevance.get(term) ?? 0) + score / totalScore / terms.length);
  }
  const expansion = [...relevance].sort((x, y) => y[1] - x[1]).slice(0, feedback.terms);
  const expansionTotal = expansion.reduce((sum, [, weight]) => sum + weight, 0);
  const originalShare = feedback.originalWeight / Math.max(plan.groups.length, 1);
  const groups = plan.groups.map((group) => ({ ...group, weight: group.weight * originalShare }));
  for (const [term, weight] of expansion) {
    groups.push({ alternatives: [{ words: index.wordsOf(term), weight: 1 }], weight: ((1 - feedback.originalWeight) * weight) / expansionTotal });
  }
  return groups;
}

/** Folds synonym keys like query words, so "NHS" in settings matches "nhs" typed. */
export function synonymMap(synonyms: Record<string, string[]>): Map<string, string[]> {
  return new Map(Object.entries(synonyms).map(([word, equivalents]) => [foldWord(word), equivalents]));
}
