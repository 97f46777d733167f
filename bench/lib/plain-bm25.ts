import { ENGLISH_STOP_WORDS } from '../../server/src/search/english-stop-words';
import type { BeirDocument } from './beir-dataset';

const STOP_WORDS = new Set(ENGLISH_STOP_WORDS);

/** The simplest tokeniser: lower-case runs of letters and digits, stop words dropped; no stemming, no accents folded. */
function tokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((token) => !STOP_WORDS.has(token));
}

/**
 * Textbook BM25 (k1 1.2, b 0.75, Lucene's idf) over title and text as one field, with no
 * stemming, typos, prefixes, synonyms or field weights: the reference every relevance figure is
 * printed beside, so a tuning that only looks good against itself shows up.
 */
export class PlainBm25 {
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly lengths: number[] = [];
  private readonly ids: string[] = [];
  private averageLength = 0;

  constructor(
    documents: readonly BeirDocument[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    documents.forEach((document, position) => {
      const words = tokens(`${document.title} ${document.text}`);
      this.ids.push(document.id);
      this.lengths.push(words.length);
      for (const word of words) {
        let list = this.postings.get(word);
        if (!list) {
          list = new Map();
          this.postings.set(word, list);
        }
        list.set(position, (list.get(position) ?? 0) + 1);
      }
    });
    this.averageLength = this.lengths.reduce((sum, length) => sum + length, 0) / Math.max(this.lengths.length, 1);
  }

  /** The ids of the best `limit` documents for a query, best first. */
  search(query: string, limit: number): string[] {
    const scores = new Map<number, number>();
    const count = this.ids.length;
    for (const word of new Set(tokens(query))) {
      const list = this.postings.get(word);
      if (!list) continue;
      const idf = Math.log(1 + (count - list.size + 0.5) / (list.size + 0.5));
      for (const [position, frequency] of list) {
        const norm = 1 - this.b + (this.b * (this.lengths[position] ?? 0)) / this.averageLength;
        scores.set(position, (scores.get(position) ?? 0) + (idf * frequency * (this.k1 + 1)) / (frequency + this.k1 * norm));
      }
    }
    return [...scores]
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, limit)
      .map(([position]) => this.ids[position] as string);
  }
}
