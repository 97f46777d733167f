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
const WORD_CHARACTER = /^[\p{L}\p{N}]$/u;
const COMBINING_MARKS = /\p{M}+/gu;

/** Lower-cases and strips accents so "Café" and "cafe" meet; keeps length-changing folds out of offsets. */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

/** Per BMP code unit: 1 a word character, 2 a separator, 0 not asked yet; the regex runs once per character ever seen. */
const bmpClasses = new Uint8Array(65536);

function isWordCharacter(codePoint: number): boolean {
  if (codePoint < 128) return (codePoint >= 48 && codePoint <= 57) || (codePoint >= 65 && codePoint <= 90) || (codePoint >= 97 && codePoint <= 122);
  if (codePoint > 0xffff) return WORD_CHARACTER.test(String.fromCodePoint(codePoint));
  let known = bmpClasses[codePoint] as number;
  if (known === 0) {
    known = WORD_CHARACTER.test(String.fromCharCode(codePoint)) ? 1 : 2;
    bmpClasses[codePoint] = known;
  }
  return known === 1;
}

/**
 * Calls `visit` with the bounds of each run of letters and digits, as /[\p{L}\p{N}]+/gu would
 * match them, and an FNV-1a hash of its code units, without the regex's match objects or a
 * substring per word: tokenising is the inner loop of indexing.
 */
function forEachWordSpan(text: string, visit: (start: number, end: number, hash: number) => void): void {
  let start = -1;
  let hash = 0;
  let at = 0;
  while (at < text.length) {
    const unit = text.charCodeAt(at);
    // Only a surrogate pair needs decoding; every other code unit is its own code point.
    const codePoint = unit >= 0xd800 && unit <= 0xdbff ? (text.codePointAt(at) as number) : unit;
    const width = codePoint > 0xffff ? 2 : 1;
    if (isWordCharacter(codePoint)) {
      if (start < 0) {
        start = at;
        hash = FNV_OFFSET;
      }
      hash = Math.imul(hash ^ text.charCodeAt(at), FNV_PRIME);
      if (width === 2) hash = Math.imul(hash ^ text.charCodeAt(at + 1), FNV_PRIME);
    } else if (start >= 0) {
      visit(start, at, hash);
      start = -1;
    }
    at += width;
  }
  if (start >= 0) visit(start, text.length, hash);
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

function sameSpelling(text: string, start: number, end: number, spelling: string): boolean {
  if (spelling.length !== end - start) return false;
  for (let i = 0; i < spelling.length; i += 1) if (text.charCodeAt(start + i) !== spelling.charCodeAt(i)) return false;
  return true;
}

interface Spelling extends IndexedWord {
  raw: string;
  hash: number;
  stopWord: boolean;
}

/** Past this many distinct spellings the caches start afresh, so a stream of odd queries cannot grow them without limit. */
const MAX_CACHED_SPELLINGS = 200_000;

/** Turns text into index terms; one analyzer instance per index, since stop words are index settings. */
export class TextAnalyzer {
  private readonly stopWords: ReadonlySet<string>;
  /**
   * Each spelling as it appears in text, with its folded word and stem and whether it is a stop
   * word, in an open-addressing table probed by the hash the tokeniser computes: vocabularies are
   * small next to token counts, so each spelling is folded and stemmed once, a known one is found
   * without cutting it out of the text, and tokens share the cached objects.
   */
  private spellings: Spelling[] = [];
  private slots = new Int32Array(1024).fill(-1);

  constructor(stopWords: readonly string[]) {
    this.stopWords = new Set(stopWords.map(foldWord));
  }

  isStopWord(word: string): boolean {
    return this.stopWords.has(word);
  }

  /** Every word with offsets, stop words included, for highlighting. */
  tokenize(text: string): AnalyzedToken[] {
    const tokens: AnalyzedToken[] = [];
    forEachWordSpan(text, (start, end, hash) => {
      const { word, term } = this.spelling(text, start, end, hash);
      tokens.push({ word, term, start, end });
    });
    return tokens;
  }

  /** Index terms of a text, stop words removed. */
  terms(text: string): string[] {
    return this.indexedWords(text).map(({ term }) => term);
  }

  /** The words of a text as indexed, in order, stop words removed: each as written (folded) and as stemmed. */
  indexedWords(text: string): IndexedWord[] {
    const words: IndexedWord[] = [];
    forEachWordSpan(text, (start, end, hash) => {
      const spelling = this.spelling(text, start, end, hash);
      if (!spelling.stopWord) words.push(spelling);
    });
    return words;
  }

  private spelling(text: string, start: number, end: number, hash: number): Spelling {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let index = this.slots[slot] as number; index >= 0; index = this.slots[slot] as number) {
      const known = this.spellings[index] as Spelling;
      if (known.hash === hash && sameSpelling(text, start, end, known.raw)) return known;
      slot = (slot + 1) & mask;
    }
    const raw = text.slice(start, end);
    const word = foldWord(raw);
    const spelling: Spelling = { word, term: porterStem(word), wordId: -1, raw, hash, stopWord: this.stopWords.has(word) };
    if (this.spellings.length >= MAX_CACHED_SPELLINGS) {
      this.spellings = [];
      this.slots.fill(-1);
    } else if ((this.spellings.length + 1) * 2 > this.slots.length) {
      this.rehash(this.slots.length * 2);
    }
    this.place(spelling, this.spellings.length);
    this.spellings.push(spelling);
    return spelling;
  }

  private place(spelling: Spelling, index: number): void {
    const mask = this.slots.length - 1;
    let slot = spelling.hash & mask;
    while ((this.slots[slot] as number) >= 0) slot = (slot + 1) & mask;
    this.slots[slot] = index;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size).fill(-1);
    this.spellings.forEach((spelling, index) => this.place(spelling, index));
  }
}
