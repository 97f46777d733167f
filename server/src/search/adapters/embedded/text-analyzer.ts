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

/** Turns text into index terms; one analyzer instance per index, since stop words are index settings. */
export class TextAnalyzer {
  private readonly stopWords: ReadonlySet<string>;
  /** Vocabularies are small next to token counts, so stemming each distinct word once makes indexing several times faster. */
  private readonly stems = new Map<string, string>();

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
      const word = foldWord(match[0]);
      tokens.push({ word, term: this.stem(word), start: match.index, end: match.index + match[0].length });
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
      const word = foldWord(match[0]);
      if (!this.stopWords.has(word)) words.push({ word, term: this.stem(word) });
    }
    return words;
  }

  private stem(word: string): string {
    let stem = this.stems.get(word);
    if (stem === undefined) {
      // Bounded so a stream of odd queries cannot grow it without limit.
      if (this.stems.size >= 200_000) this.stems.clear();
      stem = porterStem(word);
      this.stems.set(word, stem);
    }
    return stem;
  }
}
