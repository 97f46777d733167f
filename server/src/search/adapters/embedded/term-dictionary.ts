/** One indexed word near a query word: its edit distance, and the distance to its nearest prefix. */
export interface NearWord {
  word: string;
  /** Edits turning the query word into this word, when within the limit. */
  distance: number | undefined;
  /** Fewest edits turning the query word into some prefix of this longer word (0: it starts with it), when within the limit. */
  prefixDistance: number | undefined;
}

/** Past these many words added since the sorted list was made, sorting anew beats inserting each. */
const INSERTIONS_BEFORE_RESORT = 1000;

/**
 * The index's vocabulary: each word as written gets a small id (reused once no document has it),
 * knows its stem, and every stem knows its words. A sorted copy of the words, kept up to date
 * lazily, serves prefix ranges by binary search and typo matching as a walk over the sorted words
 * that shares edit-distance rows between words with a common prefix and skips whole ranges once
 * no completion of a prefix can come within the limit: a trie walk without building a trie.
 */
export class TermDictionary {
  private readonly ids = new Map<string, number>();
  private readonly words: (string | undefined)[] = [];
  private readonly terms: (string | undefined)[] = [];
  private readonly wordsByTerm = new Map<string, string[]>();
  private readonly freeIds: number[] = [];
  /** Every word in code-unit order; may still hold released words, which lookups skip. */
  private sorted: string[] = [];
  private pending: string[] = [];
  private released = 0;

  /** The word's id, registering it (with the term it stems to) when new; `hint` is an id it may still have. */
  intern(word: string, term: string, hint = -1): number {
    if (hint >= 0 && this.words[hint] === word) return hint;
    const known = this.ids.get(word);
    if (known !== undefined) return known;
    const id = this.freeIds.pop() ?? this.words.length;
    this.ids.set(word, id);
    this.words[id] = word;
    this.terms[id] = term;
    const sameStem = this.wordsByTerm.get(term);
    if (sameStem) sameStem.push(word);
    else this.wordsByTerm.set(term, [word]);
    this.pending.push(word);
    return id;
  }

  /** Forgets a word no document holds any more; its id may be given to another. */
  release(id: number): void {
    const word = this.words[id];
    const term = this.terms[id];
    if (word === undefined || term === undefined) return;
    this.ids.delete(word);
    this.words[id] = undefined;
    this.terms[id] = undefined;
    const sameStem = this.wordsByTerm.get(term)?.filter((other) => other !== word) ?? [];
    if (sameStem.length > 0) this.wordsByTerm.set(term, sameStem);
    else this.wordsByTerm.delete(term);
    this.freeIds.push(id);
    this.released += 1;
  }

  idOf(word: string): number | undefined {
    return this.ids.get(word);
  }

  termOf(word: string): string | undefined {
    const id = this.ids.get(word);
    return id === undefined ? undefined : this.terms[id];
  }

  /** The indexed words that stem to `term` (none when no document has it). */
  wordsOf(term: string): string[] {
    return [...(this.wordsByTerm.get(term) ?? [])];
  }

  /** Indexed words longer than `prefix` that start with it. */
  completions(prefix: string): string[] {
    const sorted = this.sortedWords();
    const found: string[] = [];
    for (let at = lowerBound(sorted, prefix); at < sorted.length; at += 1) {
      const word = sorted[at] as string;
      if (!word.startsWith(prefix)) break;
      if (word.length > prefix.length && this.ids.has(word)) found.push(word);
    }
    return found;
  }

  /**
   * Indexed words sharing `typed`'s first character that are within `limit` edits of it
   * (optimal string alignment: a transposition is one edit) or, with `asPrefix`, longer words
   * whose beginning is. Words beyond the limit are never reported.
   */
  near(typed: string, limit: number, asPrefix: boolean): NearWord[] {
    const found: NearWord[] = [];
    if (typed === '') return found;
    const sorted = this.sortedWords();
    const initial = typed.charAt(0);
    const width = typed.length + 1;
    // No word longer than this can be within the limit, nor can a longer prefix of one.
    const maxDepth = typed.length + limit;
    const rows = new Int32Array((maxDepth + 1) * width);
    for (let i = 0; i < width; i += 1) rows[i] = i;
    // The smallest last-column value up to each depth: the prefix distance of a word that long.
    const bestPrefix = new Int32Array(maxDepth + 1);
    bestPrefix[0] = typed.length;
    let previousWord = '';
    let computedDepth = 0;
    let at = lowerBound(sorted, initial);
    while (at < sorted.length) {
      const word = sorted[at] as string;
      if (word.charAt(0) !== initial) break;
      let depth = Math.min(commonPrefixLength(word, previousWord), computedDepth);
      const reach = Math.min(word.length, maxDepth);
      let hopeless = false;
      while (depth < reach) {
        depth += 1;
        const rowMin = this.fillRow(rows, width, depth, typed, word);
        bestPrefix[depth] = Math.min(bestPrefix[depth - 1] as number, rows[depth * width + typed.length] as number);
        // No longer word with this beginning can come within the limit, nor reach a prefix match beyond those found.
        if (rowMin > limit && (!asPrefix || (bestPrefix[depth - 1] as number) > limit)) {
          hopeless = true;
          break;
        }
      }
      previousWord = word;
      computedDepth = depth;
      if (hopeless) {
        at = lowerBound(sorted, word.slice(0, depth) + '\uffff', at + 1);
        continue;
      }
      if (this.ids.has(word)) {
        const distance = Math.abs(word.length - typed.length) <= limit ? (rows[word.length * width + typed.length] as number) : Infinity;
        const prefixDistance = asPrefix && word.length > typed.length ? (bestPrefix[reach] as number) : Infinity;
        if (distance <= limit || prefixDistance <= limit) {
          found.push({ word, distance: distance <= limit ? distance : undefined, prefixDistance: prefixDistance <= limit ? prefixDistance : undefined });
        }
      }
      at += 1;
    }
    return found;
  }

  /** One row of the OSA table: `word`'s first `depth` letters against every prefix of `typed`; returns the row's minimum. */
  private fillRow(rows: Int32Array, width: number, depth: number, typed: string, word: string): number {
    const row = depth * width;
    const above = row - width;
    const twoAbove = above - width;
    const letter = word.charCodeAt(depth - 1);
    const letterBefore = depth > 1 ? word.charCodeAt(depth - 2) : -1;
    rows[row] = depth;
    let rowMin = depth;
    for (let i = 1; i < width; i += 1) {
      const typedLetter = typed.charCodeAt(i - 1);
      const cost = typedLetter === letter ? 0 : 1;
      let value = Math.min((rows[above + i] as number) + 1, (rows[row + i - 1] as number) + 1, (rows[above + i - 1] as number) + cost);
      if (depth > 1 && i > 1 && typedLetter === letterBefore && typed.charCodeAt(i - 2) === letter) {
        value = Math.min(value, (rows[twoAbove + i - 2] as number) + 1);
      }
      rows[row + i] = value;
      if (value < rowMin) rowMin = value;
    }
    return rowMin;
  }

  private sortedWords(): string[] {
    if (this.pending.length === 0 && this.released * 10 <= this.sorted.length) return this.sorted;
    if (this.pending.length > INSERTIONS_BEFORE_RESORT || this.released * 10 > this.sorted.length) {
      this.sorted = [...this.ids.keys()].sort(compareCodeUnits);
      this.released = 0;
    } else {
      for (const word of this.pending) {
        const at = lowerBound(this.sorted, word);
        if (this.sorted[at] !== word) this.sorted.splice(at, 0, word);
      }
    }
    this.pending = [];
    return this.sorted;
  }
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function commonPrefixLength(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  let common = 0;
  while (common < length && a.charCodeAt(common) === b.charCodeAt(common)) common += 1;
  return common;
}

/** The first position in `sorted` (from `from`) whose word is not below `value`. */
function lowerBound(sorted: readonly string[], value: string, from = 0): number {
  let low = from;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as string) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
