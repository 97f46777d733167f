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

/** Scores for every document matching at least one group; `maxScore` bounds them, giving a 0..1 ranking score. */
export interface ScoredDocuments {
  scores: Map<number, number>;
  maxScore: number;
}

interface IndexedDocument {
  fieldLengths: number[];
  /** Distinct words, so removal finds every posting. */
  words: string[];
}

/**
 * An in-memory inverted index with BM25F ranking. Postings are kept per word as written, and
 * every stem knows its words: an exact query scores a stem (its words' frequencies summed, its
 * document frequency over all of them), while typo and prefix matching can reach one word
 * ("parkin" finds "parking" without finding "parks"). Documents are addressed by a small number
 * the caller assigns (and should reuse), so scoring can use dense arrays.
 */
export class Bm25Index {
  /** word → document number → frequency per field, in field order. */
  private readonly postings = new Map<string, Map<number, number[]>>();
  /** term → the indexed words that stem to it. */
  private readonly wordsByTerm = new Map<string, Set<string>>();
  private readonly termByWord = new Map<string, string>();
  /** Words grouped by first character: typo and prefix lookups scan one bucket, not the vocabulary. */
  private readonly wordsByInitial = new Map<string, Set<string>>();
  private readonly documents = new Map<number, IndexedDocument>();
  private readonly fieldLengthTotals: number[];
  /** One more than the highest document number seen: the size of dense per-document arrays. */
  private capacity = 0;
  private norms: Float64Array[] | undefined;

  constructor(private readonly parameters: Bm25Parameters) {
    this.fieldLengthTotals = parameters.fieldWeights.map(() => 0);
  }

  /** Indexes one document given the analysed words of each field, in field order. */
  add(docNumber: number, fields: IndexedWord[][]): void {
    this.remove(docNumber);
    this.norms = undefined;
    this.capacity = Math.max(this.capacity, docNumber + 1);
    const fieldLengths = fields.map((words) => words.length);
    const distinct = new Set<string>();
    fields.forEach((words, fieldIndex) => {
      this.fieldLengthTotals[fieldIndex] = (this.fieldLengthTotals[fieldIndex] ?? 0) + words.length;
      for (const { word, term } of words) {
        distinct.add(word);
        let wordPostings = this.postings.get(word);
        if (!wordPostings) {
          wordPostings = new Map();
          this.postings.set(word, wordPostings);
          this.register(word, term);
        }
        let frequencies = wordPostings.get(docNumber);
        if (!frequencies) {
          frequencies = fields.map(() => 0);
          wordPostings.set(docNumber, frequencies);
        }
        frequencies[fieldIndex] = (frequencies[fieldIndex] ?? 0) + 1;
      }
    });
    this.documents.set(docNumber, { fieldLengths, words: [...distinct] });
  }

  remove(docNumber: number): void {
    const document = this.documents.get(docNumber);
    if (!document) return;
    this.norms = undefined;
    document.fieldLengths.forEach((length, fieldIndex) => {
      this.fieldLengthTotals[fieldIndex] = (this.fieldLengthTotals[fieldIndex] ?? 0) - length;
    });
    for (const word of document.words) {
      const wordPostings = this.postings.get(word);
      wordPostings?.delete(docNumber);
      if (wordPostings && wordPostings.size === 0) {
        this.postings.delete(word);
        this.unregister(word);
      }
    }
    this.documents.delete(docNumber);
  }

  /** The indexed words that stem to `term` (none when no document has it). */
  wordsOf(term: string): string[] {
    return [...(this.wordsByTerm.get(term) ?? [])];
  }

  termOf(word: string): string | undefined {
    return this.termByWord.get(word);
  }

  /** Indexed words that start with the same character as `word`. */
  wordsSharingInitial(word: string): Iterable<string> {
    return this.wordsByInitial.get(word.charAt(0)) ?? [];
  }

  /** Documents containing any of `words`. */
  documentFrequency(words: readonly string[]): number {
    if (words.length === 1) return this.postings.get(words[0] as string)?.size ?? 0;
    const documents = new Set<number>();
    for (const word of words) for (const docNumber of this.postings.get(word)?.keys() ?? []) documents.add(docNumber);
    return documents.size;
  }

  /** Lucene's BM25 idf, always positive so common words still count a little. */
  idf(words: readonly string[]): number {
    const df = this.documentFrequency(words);
    return Math.log(1 + (this.documents.size - df + 0.5) / (df + 0.5));
  }

  score(groups: QueryGroup[]): ScoredDocuments {
    const { k1, fieldWeights } = this.parameters;
    const norms = this.lengthNorms();
    const totals = new Float64Array(this.capacity);
    const best = new Float64Array(this.capacity);
    const pseudo = new Float64Array(this.capacity);
    const matched: number[] = [];
    let maxScore = 0;
    // Zero weights would mark documents as matched without scoring them.
    for (const group of groups.filter(({ weight }) => weight > 0)) {
      const touched: number[] = [];
      let groupMax = 0;
      for (const { words, weight } of group.alternatives.filter((alternative) => alternative.weight > 0 && alternative.words.length > 0)) {
        const idf = this.idf(words);
        groupMax = Math.max(groupMax, weight * idf);
        // The words of one alternative count as one term: their pseudo-frequencies add up per document.
        const inAlternative: number[] = [];
        for (const word of words) {
          for (const [docNumber, frequencies] of this.postings.get(word) ?? []) {
            let pseudoFrequency = 0;
            for (let field = 0; field < frequencies.length; field += 1) {
              const frequency = frequencies[field] ?? 0;
              if (frequency > 0) pseudoFrequency += ((fieldWeights[field] ?? 1) * frequency) / (norms[field]?.[docNumber] ?? 1);
            }
            if (pseudo[docNumber] === 0) inAlternative.push(docNumber);
            pseudo[docNumber] = (pseudo[docNumber] ?? 0) + pseudoFrequency;
          }
        }
        for (const docNumber of inAlternative) {
          const pseudoFrequency = pseudo[docNumber] ?? 0;
          pseudo[docNumber] = 0;
          // tf/(k1+tf) < 1, so weight*idf bounds each group's contribution: that bound normalises scores to 0..1.
          const contribution = (weight * idf * pseudoFrequency) / (k1 + pseudoFrequency);
          const previous = best[docNumber] ?? 0;
          if (previous === 0) touched.push(docNumber);
          if (contribution > previous) best[docNumber] = contribution;
        }
      }
      maxScore += group.weight * groupMax;
      for (const docNumber of touched) {
        if (totals[docNumber] === 0) matched.push(docNumber);
        totals[docNumber] = (totals[docNumber] ?? 0) + group.weight * (best[docNumber] ?? 0);
        best[docNumber] = 0;
      }
    }
    return { scores: new Map(matched.map((docNumber) => [docNumber, totals[docNumber] ?? 0])), maxScore };
  }

  /** BM25's length normaliser 1 - b + b·len/avglen per field and document; recomputed only after writes. */
  private lengthNorms(): Float64Array[] {
    if (this.norms) return this.norms;
    const { b } = this.parameters;
    const documentCount = Math.max(this.documents.size, 1);
    const norms = this.fieldLengthTotals.map((total) => {
      const averageLength = Math.max(total / documentCount, 1);
      return { averageLength, values: new Float64Array(this.capacity) };
    });
    for (const [docNumber, document] of this.documents) {
      norms.forEach(({ averageLength, values }, field) => {
        values[docNumber] = 1 - b + (b * (document.fieldLengths[field] ?? 0)) / averageLength;
      });
    }
    this.norms = norms.map(({ values }) => values);
    return this.norms;
  }

  private register(word: string, term: string): void {
    this.termByWord.set(word, term);
    let words = this.wordsByTerm.get(term);
    if (!words) {
      words = new Set();
      this.wordsByTerm.set(term, words);
    }
    words.add(word);
    const initial = word.charAt(0);
    let bucket = this.wordsByInitial.get(initial);
    if (!bucket) {
      bucket = new Set();
      this.wordsByInitial.set(initial, bucket);
    }
    bucket.add(word);
  }

  private unregister(word: string): void {
    const term = this.termByWord.get(word);
    this.termByWord.delete(word);
    if (term !== undefined) {
      const words = this.wordsByTerm.get(term);
      words?.delete(word);
      if (words?.size === 0) this.wordsByTerm.delete(term);
    }
    this.wordsByInitial.get(word.charAt(0))?.delete(word);
  }
}
