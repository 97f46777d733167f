import { TermDictionary } from './term-dictionary';

/** BM25F saturation and length normalisation; see Robertson & Zaragoza, "The Probabilistic Relevance Framework". */
export interface Bm25Parameters {
  k1: number;
  b: number;
  /** One weight per indexed field, in field order; a match in a weight-2 field counts as two. */
  fieldWeights: readonly number[];
}

/** One word of a field as indexed: the word as written (folded) and the term it stems to. */
export interface IndexedWord {
  word: string;
  term: string;
  /**
   * The word's dictionary id when this object was last indexed, or -1: the analyser hands out
   * one shared object per spelling, so a token finds its id without a lookup by string, the
   * build's costliest step. Checked before use, since ids are reused.
   */
  wordId: number;
}

/**
 * One way a query word can match, and how much such a match is worth (1 = exact). `words` are
 * indexed words scored together as one term: every word of a stem for an exact or synonym
 * match ("sensor" also finds "sensors"), a single word for a typo or prefix match.
 */
export interface TermAlternative {
  words: readonly string[];
  weight: number;
}

/**
 * One query word and its alternatives (exact, synonym, typo, prefix). A document scores
 * for its best alternative only, so a typo variant never adds to an exact match.
 */
export interface QueryGroup {
  alternatives: TermAlternative[];
  weight: number;
}

/**
 * The documents matching at least one group, as parallel arrays in no particular order, with
 * their scores; `maxScore` bounds every score, giving a 0..1 ranking score. The arrays are valid
 * until the index's next `score` call, which reuses them.
 */
export interface ScoredDocuments {
  docNumbers: Uint32Array;
  scores: Float64Array;
  maxScore: number;
}

/** Postings of one word: document numbers, and beside each its frequency in every field (capped at 255). */
interface Postings {
  docs: Uint32Array;
  frequencies: Uint8Array;
  count: number;
  /**
   * Each posting's BM25F pseudo-frequency (field frequencies weighted and length-normalised),
   * computed when the word is first scored after a write and kept until the next one: repeated
   * queries then add one float per posting instead of weighing every field.
   */
  impacts: Float64Array | undefined;
  impactsVersion: number;
}

const MAX_FREQUENCY = 255;

type GrowableArray = Uint32Array | Uint8Array | Int32Array;

/** `array` itself when long enough, else a copy with room to grow by half again, new slots holding `fill`. */
function grownTo<A extends GrowableArray>(array: A, length: number, make: new (length: number) => A, fill = 0): A {
  if (array.length >= length) return array;
  const grown = new make(Math.max(length, Math.ceil(array.length * 1.5), 8));
  if (fill !== 0) grown.fill(fill, array.length);
  grown.set(array);
  return grown;
}

/**
 * An in-memory inverted index with BM25F ranking, held in typed arrays so 100,000 documents fit in
 * tens of megabytes and a query walks flat memory. Postings are kept per word as written, and
 * every stem knows its words: an exact query scores a stem (its words' frequencies summed, its
 * document frequency over all of them), while typo and prefix matching can reach one word
 * ("parkin" finds "parking" without finding "parks"). Documents are addressed by a small number
 * the caller assigns (and should reuse), so scoring can use dense arrays.
 *
 * Scoring is term at a time into dense accumulators: with postings this compact, walking every
 * posting of a 30-word query costs a few milliseconds at 100,000 documents, and the full match
 * set is needed anyway for the hit count and facet counts.
 */
export class Bm25Index {
  readonly dictionary = new TermDictionary();
  private readonly fieldCount: number;
  /** Postings by word id (the dictionary's numbering). */
  private postings: (Postings | undefined)[] = [];
  /** 1 for each document number indexed. Removal re-analyses the document rather than keeping its word list: 100,000 small arrays kept alive cost the build more GC time than all its own work. */
  private indexed = new Uint8Array(0);
  /** Field lengths, fieldCount per document. */
  private fieldLengths = new Uint32Array(0);
  private readonly fieldLengthTotals: Float64Array;
  private documentCount = 0;
  /** One more than the highest document number seen: the size of dense per-document arrays. */
  private capacity = 0;
  /** Counts writes, so per-word figures derived from the length norms know when they are stale. */
  private writeVersion = 0;
  /** fieldWeight / (1 - b + b·len/avglen), fieldCount per document; recomputed only after writes. */
  private weightedNorms: Float64Array | undefined;
  /** Scratch for one document while it is added: word id → slot, and per slot its word and field frequencies. */
  private slotOfWord = new Int32Array(0);
  private distinctWords = new Uint32Array(0);
  private documentFrequencies = new Uint8Array(0);
  /** Accumulators reused by every query; each query leaves them zeroed. */
  private scratch:
    | { totals: Float64Array; best: Float64Array; pseudo: Float64Array; inAlternative: Uint32Array; touched: Uint32Array; matched: Uint32Array; scores: Float64Array }
    | undefined;

  constructor(private readonly parameters: Bm25Parameters) {
    this.fieldCount = parameters.fieldWeights.length;
    this.fieldLengthTotals = new Float64Array(this.fieldCount);
  }

  get size(): number {
    return this.documentCount;
  }

  /** Indexes one document given the analysed words of each field, in field order; a number in use must be removed first. */
  add(docNumber: number, fields: IndexedWord[][]): void {
    if (this.indexed[docNumber] === 1) throw new Error(`Document number ${docNumber} is already indexed`);
    this.weightedNorms = undefined;
    this.writeVersion += 1;
    this.ensureCapacity(docNumber + 1);
    const fieldCount = this.fieldCount;
    const tokenCount = fields.reduce((sum, words) => sum + words.length, 0);
    this.distinctWords = grownTo(this.distinctWords, tokenCount, Uint32Array);
    this.documentFrequencies = grownTo(this.documentFrequencies, tokenCount * fieldCount, Uint8Array);
    const { distinctWords, documentFrequencies } = this;
    let distinctCount = 0;
    for (let field = 0; field < fieldCount; field += 1) {
      const words = fields[field] ?? [];
      this.fieldLengths[docNumber * fieldCount + field] = words.length;
      this.fieldLengthTotals[field] = (this.fieldLengthTotals[field] as number) + words.length;
      for (const indexed of words) {
        const wordId = this.dictionary.intern(indexed.word, indexed.term, indexed.wordId);
        indexed.wordId = wordId;
        this.slotOfWord = grownTo(this.slotOfWord, wordId + 1, Int32Array, -1);
        let slot = this.slotOfWord[wordId] as number;
        if (slot < 0) {
          slot = distinctCount;
          distinctCount += 1;
          this.slotOfWord[wordId] = slot;
          distinctWords[slot] = wordId;
          documentFrequencies.fill(0, slot * fieldCount, (slot + 1) * fieldCount);
        }
        const at = slot * fieldCount + field;
        if ((documentFrequencies[at] as number) < MAX_FREQUENCY) documentFrequencies[at] = (documentFrequencies[at] as number) + 1;
      }
    }
    for (let slot = 0; slot < distinctCount; slot += 1) {
      const wordId = distinctWords[slot] as number;
      this.slotOfWord[wordId] = -1;
      let postings = this.postings[wordId];
      if (!postings) {
        postings = { docs: new Uint32Array(2), frequencies: new Uint8Array(2 * fieldCount), count: 0, impacts: undefined, impactsVersion: -1 };
        this.postings[wordId] = postings;
      }
      const { count } = postings;
      postings.docs = grownTo(postings.docs, count + 1, Uint32Array);
      postings.frequencies = grownTo(postings.frequencies, (count + 1) * fieldCount, Uint8Array);
      postings.docs[count] = docNumber;
      // A loop, not set(subarray()): a view object per posting was a large share of the build's garbage.
      const { frequencies } = postings;
      for (let field = 0, from = slot * fieldCount, to = count * fieldCount; field < fieldCount; field += 1) {
        frequencies[to + field] = documentFrequencies[from + field] as number;
      }
      postings.count = count + 1;
    }
    this.indexed[docNumber] = 1;
    this.documentCount += 1;
  }

  /** Removes a document; `fields` are the words it was added with. */
  remove(docNumber: number, fields: IndexedWord[][]): void {
    if (this.indexed[docNumber] !== 1) return;
    const words = new Set<number>();
    for (const field of fields) {
      for (const { word } of field) {
        const wordId = this.dictionary.idOf(word);
        if (wordId !== undefined) words.add(wordId);
      }
    }
    this.weightedNorms = undefined;
    this.writeVersion += 1;
    const fieldCount = this.fieldCount;
    for (let field = 0; field < fieldCount; field += 1) {
      this.fieldLengthTotals[field] = (this.fieldLengthTotals[field] ?? 0) - (this.fieldLengths[docNumber * fieldCount + field] ?? 0);
      this.fieldLengths[docNumber * fieldCount + field] = 0;
    }
    for (const wordId of words) {
      const postings = this.postings[wordId];
      if (!postings) continue;
      const at = postings.docs.subarray(0, postings.count).indexOf(docNumber);
      if (at < 0) continue;
      // Postings are unordered, so the last one fills the gap.
      const last = postings.count - 1;
      postings.docs[at] = postings.docs[last] as number;
      postings.frequencies.copyWithin(at * fieldCount, last * fieldCount, (last + 1) * fieldCount);
      postings.count = last;
      if (last === 0) {
        this.postings[wordId] = undefined;
        this.dictionary.release(wordId);
      }
    }
    this.indexed[docNumber] = 0;
    this.documentCount -= 1;
  }

  /** The indexed words that stem to `term` (none when no document has it). */
  wordsOf(term: string): string[] {
    return this.dictionary.wordsOf(term);
  }

  /** Documents containing `word`. */
  documentFrequency(word: string): number {
    const wordId = this.dictionary.idOf(word);
    return wordId === undefined ? 0 : (this.postings[wordId]?.count ?? 0);
  }

  /** Lucene's BM25 idf, always positive so common words still count a little. */
  private idf(documentFrequency: number): number {
    return Math.log(1 + (this.documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  /**
   * Scores the groups term at a time into dense accumulators. A group with a single alternative
   * (most query words: their exact stem, nothing looser) adds straight into the totals, and a
   * one-word one reads its postings in one pass: one multiply-add per posting where the general
   * case keeps a best-so-far per document and walks its matches three times. The arrays returned
   * are views of buffers the next call reuses: at 100,000 documents a fresh pair per query was
   * most of the minor GCs that made the p95.
   */
  score(groups: QueryGroup[]): ScoredDocuments {
    const { k1 } = this.parameters;
    const norms = this.lengthNorms();
    const { totals, best, pseudo, inAlternative, touched, matched, scores } = this.scratchArrays();
    let matchedCount = 0;
    let maxScore = 0;
    // Zero weights would mark documents as matched without scoring them.
    for (const group of groups.filter(({ weight }) => weight > 0)) {
      const alternatives = group.alternatives.filter((alternative) => alternative.weight > 0 && alternative.words.length > 0);
      const direct = alternatives.length === 1;
      const groupWeight = group.weight;
      let touchedCount = 0;
      let groupMax = 0;
      for (const { words, weight } of alternatives) {
        const only = words.length === 1 ? this.postingsOf(words[0] as string) : undefined;
        if (direct && only) {
          const { docs, count } = only;
          const impacts = this.impactsOf(only, norms);
          const scale = weight * this.idf(count);
          groupMax = scale;
          for (let i = 0; i < count; i += 1) {
            const docNumber = docs[i] as number;
            const pseudoFrequency = impacts[i] as number;
            const previous = totals[docNumber] as number;
            if (previous === 0) matched[matchedCount++] = docNumber;
            totals[docNumber] = previous + groupWeight * ((scale * pseudoFrequency) / (k1 + pseudoFrequency));
          }
          continue;
        }
        // The words of one alternative count as one term: their pseudo-frequencies add up per document.
        let alternativeCount = 0;
        for (const word of words) {
          const postings = this.postingsOf(word);
          if (!postings) continue;
          const { docs, count } = postings;
          const impacts = this.impactsOf(postings, norms);
          for (let i = 0; i < count; i += 1) {
            const docNumber = docs[i] as number;
            if (pseudo[docNumber] === 0) inAlternative[alternativeCount++] = docNumber;
            pseudo[docNumber] = (pseudo[docNumber] as number) + (impacts[i] as number);
          }
        }
        // Every document counted once however many of the stem's words it has: the union's size is the df.
        const scale = weight * this.idf(alternativeCount);
        if (alternativeCount > 0) groupMax = Math.max(groupMax, scale);
        for (let i = 0; i < alternativeCount; i += 1) {
          const docNumber = inAlternative[i] as number;
          const pseudoFrequency = pseudo[docNumber] as number;
          pseudo[docNumber] = 0;
          // tf/(k1+tf) < 1, so weight*idf bounds each group's contribution: that bound normalises scores to 0..1.
          const contribution = (scale * pseudoFrequency) / (k1 + pseudoFrequency);
          if (direct) {
            const previous = totals[docNumber] as number;
            if (previous === 0) matched[matchedCount++] = docNumber;
            totals[docNumber] = previous + groupWeight * contribution;
            continue;
          }
          const previous = best[docNumber] as number;
          if (previous === 0) touched[touchedCount++] = docNumber;
          if (contribution > previous) best[docNumber] = contribution;
        }
      }
      maxScore += groupWeight * groupMax;
      for (let i = 0; i < touchedCount; i += 1) {
        const docNumber = touched[i] as number;
        if (totals[docNumber] === 0) matched[matchedCount++] = docNumber;
        totals[docNumber] = (totals[docNumber] as number) + groupWeight * (best[docNumber] as number);
        best[docNumber] = 0;
      }
    }
    for (let i = 0; i < matchedCount; i += 1) {
      const docNumber = matched[i] as number;
      scores[i] = totals[docNumber] as number;
      totals[docNumber] = 0;
    }
    return { docNumbers: matched.subarray(0, matchedCount), scores: scores.subarray(0, matchedCount), maxScore };
  }

  private postingsOf(word: string): Postings | undefined {
    const wordId = this.dictionary.idOf(word);
    return wordId === undefined ? undefined : this.postings[wordId];
  }

  /** The postings' pseudo-frequencies under the current length norms. */
  private impactsOf(postings: Postings, norms: Float64Array): Float64Array {
    if (postings.impacts && postings.impactsVersion === this.writeVersion && postings.impacts.length >= postings.count) return postings.impacts;
    const fieldCount = this.fieldCount;
    const { docs, frequencies, count } = postings;
    const impacts = new Float64Array(count);
    for (let i = 0; i < count; i += 1) {
      const normAt = (docs[i] as number) * fieldCount;
      const frequencyAt = i * fieldCount;
      let pseudoFrequency = 0;
      for (let field = 0; field < fieldCount; field += 1) {
        const frequency = frequencies[frequencyAt + field] as number;
        if (frequency !== 0) pseudoFrequency += frequency * (norms[normAt + field] as number);
      }
      impacts[i] = pseudoFrequency;
    }
    postings.impacts = impacts;
    postings.impactsVersion = this.writeVersion;
    return impacts;
  }

  private ensureCapacity(capacity: number): void {
    if (capacity <= this.capacity) return;
    this.capacity = capacity;
    this.fieldLengths = grownTo(this.fieldLengths, capacity * this.fieldCount, Uint32Array);
    this.indexed = grownTo(this.indexed, capacity, Uint8Array);
    this.scratch = undefined;
  }

  private scratchArrays() {
    const capacity = Math.max(this.capacity, 1);
    if (!this.scratch || this.scratch.totals.length < capacity) {
      this.scratch = {
        totals: new Float64Array(capacity),
        best: new Float64Array(capacity),
        pseudo: new Float64Array(capacity),
        inAlternative: new Uint32Array(capacity),
        touched: new Uint32Array(capacity),
        matched: new Uint32Array(capacity),
        scores: new Float64Array(capacity),
      };
    }
    return this.scratch;
  }

  /** The field weight over BM25's length normaliser 1 - b + b·len/avglen, per document and field. */
  private lengthNorms(): Float64Array {
    if (this.weightedNorms && this.weightedNorms.length >= this.capacity * this.fieldCount) return this.weightedNorms;
    const { b, fieldWeights } = this.parameters;
    const fieldCount = this.fieldCount;
    const documentCount = Math.max(this.documentCount, 1);
    const averageLengths = Array.from(this.fieldLengthTotals, (total) => Math.max(total / documentCount, 1));
    const norms = new Float64Array(this.capacity * fieldCount);
    for (let docNumber = 0; docNumber < this.capacity; docNumber += 1) {
      if (this.indexed[docNumber] !== 1) continue;
      for (let field = 0; field < fieldCount; field += 1) {
        const length = this.fieldLengths[docNumber * fieldCount + field] as number;
        norms[docNumber * fieldCount + field] = (fieldWeights[field] ?? 1) / (1 - b + (b * length) / (averageLengths[field] as number));
      }
    }
    this.weightedNorms = norms;
    return norms;
  }
}
