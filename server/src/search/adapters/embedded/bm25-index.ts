/** BM25F saturation and length normalisation; see Robertson & Zaragoza, "The Probabilistic Relevance Framework". */
export interface Bm25Parameters {
  k1: number;
  b: number;
  /** One weight per indexed field, in field order; a match in a weight-2 field counts as two. */
  fieldWeights: readonly number[];
}

/** One way a query word can match: an index term and how much such a match is worth (1 = exact). */
export interface TermAlternative {
  term: string;
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
  /** Total frequency per term over all fields, for pseudo-relevance feedback and removal. */
  termFrequencies: Map<string, number>;
  length: number;
}

/**
 * An in-memory inverted index with BM25F ranking. Documents are addressed by a small
 * number the caller assigns (and should reuse), so scoring can use dense arrays and the
 * engine keeps ids and stored documents elsewhere.
 */
export class Bm25Index {
  /** term → document number → term frequency per field, in field order. */
  private readonly postings = new Map<string, Map<number, number[]>>();
  private readonly documents = new Map<number, IndexedDocument>();
  private readonly fieldLengthTotals: number[];
  /** Terms grouped by first character: typo and prefix lookups scan one bucket, not the vocabulary. */
  private readonly termsByInitial = new Map<string, Set<string>>();
  /** One more than the highest document number seen: the size of dense per-document arrays. */
  private capacity = 0;
  private norms: Float64Array[] | undefined;

  constructor(private readonly parameters: Bm25Parameters) {
    this.fieldLengthTotals = parameters.fieldWeights.map(() => 0);
  }

  /** Indexes one document given the analysed terms of each field, in field order. */
  add(docNumber: number, fieldTerms: string[][]): void {
    this.remove(docNumber);
    this.norms = undefined;
    this.capacity = Math.max(this.capacity, docNumber + 1);
    const termFrequencies = new Map<string, number>();
    const fieldLengths = fieldTerms.map((terms) => terms.length);
    fieldTerms.forEach((terms, fieldIndex) => {
      this.fieldLengthTotals[fieldIndex] = (this.fieldLengthTotals[fieldIndex] ?? 0) + terms.length;
      for (const term of terms) {
        termFrequencies.set(term, (termFrequencies.get(term) ?? 0) + 1);
        let termPostings = this.postings.get(term);
        if (!termPostings) {
          termPostings = new Map();
          this.postings.set(term, termPostings);
          this.bucketFor(term).add(term);
        }
        let frequencies = termPostings.get(docNumber);
        if (!frequencies) {
          frequencies = fieldTerms.map(() => 0);
          termPostings.set(docNumber, frequencies);
        }
        frequencies[fieldIndex] = (frequencies[fieldIndex] ?? 0) + 1;
      }
    });
    this.documents.set(docNumber, { fieldLengths, termFrequencies, length: fieldLengths.reduce((a, b) => a + b, 0) });
  }

  remove(docNumber: number): void {
    const document = this.documents.get(docNumber);
    if (!document) return;
    this.norms = undefined;
    document.fieldLengths.forEach((length, fieldIndex) => {
      this.fieldLengthTotals[fieldIndex] = (this.fieldLengthTotals[fieldIndex] ?? 0) - length;
    });
    for (const term of document.termFrequencies.keys()) {
      const termPostings = this.postings.get(term);
      termPostings?.delete(docNumber);
      if (termPostings && termPostings.size === 0) {
        this.postings.delete(term);
        this.bucketFor(term).delete(term);
      }
    }
    this.documents.delete(docNumber);
  }

  documentFrequency(term: string): number {
    return this.postings.get(term)?.size ?? 0;
  }

  /** Lucene's BM25 idf, always positive so common words still count a little. */
  idf(term: string): number {
    const df = this.documentFrequency(term);
    return Math.log(1 + (this.documents.size - df + 0.5) / (df + 0.5));
  }

  /** Index terms that start with the same character as `term`. */
  termsSharingInitial(term: string): Iterable<string> {
    return this.termsByInitial.get(term.charAt(0)) ?? [];
  }

  termFrequencies(docNumber: number): ReadonlyMap<string, number> | undefined {
    return this.documents.get(docNumber)?.termFrequencies;
  }

  documentLength(docNumber: number): number {
    return this.documents.get(docNumber)?.length ?? 0;
  }

  score(groups: QueryGroup[]): ScoredDocuments {
    const { k1, fieldWeights } = this.parameters;
    const norms = this.lengthNorms();
    const totals = new Float64Array(this.capacity);
    const best = new Float64Array(this.capacity);
    const matched: number[] = [];
    let maxScore = 0;
    // Zero weights would mark documents as matched without scoring them.
    for (const group of groups.filter(({ weight }) => weight > 0)) {
      const touched: number[] = [];
      let groupMax = 0;
      for (const { term, weight } of group.alternatives.filter((alternative) => alternative.weight > 0)) {
        const idf = this.idf(term);
        groupMax = Math.max(groupMax, weight * idf);
        for (const [docNumber, frequencies] of this.postings.get(term) ?? []) {
          let pseudoFrequency = 0;
          for (let field = 0; field < frequencies.length; field += 1) {
            const frequency = frequencies[field] ?? 0;
            if (frequency > 0) {
              pseudoFrequency += ((fieldWeights[field] ?? 1) * frequency) / (norms[field]?.[docNumber] ?? 1);
            }
          }
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

  private bucketFor(term: string): Set<string> {
    const initial = term.charAt(0);
    let bucket = this.termsByInitial.get(initial);
    if (!bucket) {
      bucket = new Set();
      this.termsByInitial.set(initial, bucket);
    }
    return bucket;
  }
}
