import type { IndexedWord } from './bm25-index';
import { porterStem } from './porter-stemmer';

/** One word of a text: where it sits (for highlighting) and the index term it becomes. */
export interface AnalyzedToken {
  /** Lower-cased, accent-folded surface form; prefix and typo matching work on this. */
  word: string;
  /** Stemmed form stored in the index. */
  term: string;
  start: number;
  end: number;
}

// Letters and digits of any script; everything else separates words.
const WORD = /[\p{L}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}+/gu;

/** Lower-cases and strips accents so "Café" and "cafe" meet; keeps length-changing folds out of offsets. */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

interface Spelling extends IndexedWord {
  stopWord: boolean;
}

/** Past this many distinct spellings the caches start afresh, so a stream of odd queries cannot grow them without limit. */
const MAX_CACHED_SPELLINGS = 200_000;

/** Turns text into index terms; one analyzer instance per index, since stop words are index settings. */
export class TextAnalyzer {
  private readonly stopWords: ReadonlySet<string>;
  /**
   * Each spelling as it appears in text → its folded word and stem, and whether it is a stop word.
   * Vocabularies are small next to token counts, so folding and stemming each spelling once makes
   * indexing and highlighting several times faster, and the shared objects cost no memory per token.
   */
  private readonly spellings = new Map<string, Spelling>();

  constructor(stopWords: readonly string[]) {
    this.stopWords = new Set(stopWords.map(foldWord));
  }

  isStopWord(word: string): boolean {
    return this.stopWords.has(word);
  }

  /** Every word with offsets, stop words included, for highlighting. */
  tokenize(text: string): AnalyzedToken[] {
    const tokens: AnalyzedToken[] = [];
    for (const match of text.matchAll(WORD)) {
      const { word, term } = this.spelling(match[0]);
      tokens.push({ word, term, start: match.index, end: match.index + match[0].length });
    }
    return tokens;
  }

  /** Index terms of a text, stop words removed. */
  terms(text: string): string[] {
    return this.indexedWords(text).map(({ term }) => term);
  }

  /** The words of a text as indexed, in order, stop words removed: each as written (folded) and as stemmed. */
  indexedWords(text: string): IndexedWord[] {
    const words: IndexedWord[] = [];
    for (const match of text.matchAll(WORD)) {
      const spelling = this.spelling(match[0]);
      if (!spelling.stopWord) words.push(spelling);
    }
    return words;
  }

  private spelling(raw: string): Spelling {
    let spelling = this.spellings.get(raw);
    if (spelling === undefined) {
      if (this.spellings.size >= MAX_CACHED_SPELLINGS) this.spellings.clear();
      const word = foldWord(raw);
      spelling = { word, term: porterStem(word), stopWord: this.stopWords.has(word) };
      this.spellings.set(raw, spelling);
    }
    return spelling;
  }
}
