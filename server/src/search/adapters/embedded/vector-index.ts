import type { DocSet } from './doc-set';
import { dotProductScan, SCAN_LANES, type ScoreRows } from './dot-product-scan';

/**
 * Exact k-nearest-neighbour search over unit vectors, beside the inverted index and keyed by the
 * same document numbers. Every vector lives in one WebAssembly memory, row after row (padded to
 * a multiple of 16 floats), which the SIMD scan of dot-product-scan.ts reads in place: at 100,000
 * documents of 384 dimensions that is 154 MB and 11 ms of CPU per full scan (plain JavaScript
 * took 38 ms; int8 codes in JavaScript 40-58 ms), so an approximate index is not worth its recall
 * loss yet (`npm run bench -- search --size 100000`). The memory grows in place, so adding
 * vectors never holds two copies of them.
 */
export class VectorIndex {
  private readonly memory = new WebAssembly.Memory({ initial: 1 });
  private readonly scan: ScoreRows = dotProductScan(this.memory);
  /** Floats per row, the width rounded up to whole SIMD passes. */
  private readonly stride: number;
  /** Byte offsets in the memory: the query, then the rows, then one score per row. */
  private readonly queryAt = 0;
  private readonly rowsAt: number;
  private scoresAt = 0;
  private rows = new Float32Array(0);
  private scores = new Float32Array(0);
  private present = new Uint8Array(0);
  private count = 0;

  constructor(readonly dimensions: number) {
    this.stride = Math.ceil(dimensions / SCAN_LANES) * SCAN_LANES;
    this.rowsAt = this.stride * 4;
    this.grow(1024);
  }

  get size(): number {
    return this.count;
  }

  set(docNumber: number, vector: Float32Array): void {
    if (vector.length !== this.dimensions) {
      throw new Error(`Vector has ${vector.length} dimensions; this index holds ${this.dimensions}`);
    }
    if (docNumber >= this.present.length) this.grow(docNumber + 1);
    this.rows.set(vector, docNumber * this.stride);
    if (this.present[docNumber] === 0) this.count += 1;
    this.present[docNumber] = 1;
  }

  delete(docNumber: number): void {
    if (docNumber < this.present.length && this.present[docNumber] === 1) {
      this.present[docNumber] = 0;
      this.count -= 1;
    }
  }

  get(docNumber: number): Float32Array | undefined {
    if (docNumber >= this.present.length || this.present[docNumber] === 0) return undefined;
    return this.rows.slice(docNumber * this.stride, docNumber * this.stride + this.dimensions);
  }

  /**
   * The `limit` documents most similar to `query` among those in `allowed` (the filter's bitset),
   * best first. Each run of non-empty 32-document words of the bitset is scored in one call;
   * empty words are skipped unread.
   */
  nearest(query: Float32Array, limit: number, allowed: DocSet): Array<[docNumber: number, similarity: number]> {
    if (query.length !== this.dimensions) throw new Error(`Query vector has ${query.length} dimensions; expected ${this.dimensions}`);
    if (limit <= 0) return [];
    const heap = new TopK(limit);
    const { present, scores } = this;
    new Float32Array(this.memory.buffer, this.queryAt, this.stride).set(query);
    const rowBytes = this.stride * 4;
    const words = allowed.bits;
    const lastWord = Math.min(words.length, Math.ceil(present.length / 32));
    for (let first = 0; first < lastWord; ) {
      if (words[first] === 0) {
        first += 1;
        continue;
      }
      let end = first + 1;
      while (end < lastWord && words[end] !== 0) end += 1;
      const from = first * 32;
      const to = Math.min(end * 32, present.length);
      this.scan(this.rowsAt + from * rowBytes, to - from, rowBytes, this.queryAt, this.scoresAt + from * 4);
      for (let word = first; word < end; word += 1) {
        let bits = words[word] as number;
        while (bits !== 0) {
          const docNumber = word * 32 + (31 - Math.clz32(bits & -bits));
          bits &= bits - 1;
          if (present[docNumber] === 1) heap.offer(docNumber, scores[docNumber] as number);
        }
      }
      first = end;
    }
    return heap.sortedDescending();
  }

  /** Room for `needed` rows, doubling; rows stay where they are, the scratch scores move past them. */
  private grow(needed: number): void {
    let capacity = Math.max(this.present.length, 1024);
    while (capacity < needed) capacity *= 2;
    const scoresAt = this.rowsAt + capacity * this.stride * 4;
    const bytes = scoresAt + capacity * 4;
    const pages = Math.ceil((bytes - this.memory.buffer.byteLength) / 65536);
    if (pages > 0) this.memory.grow(pages);
    const previous = this.present.length;
    const present = new Uint8Array(capacity);
    present.set(this.present);
    this.present = present;
    this.scoresAt = scoresAt;
    this.rows = new Float32Array(this.memory.buffer, this.rowsAt, capacity * this.stride);
    // The new rows cover the old scores; a row's padding must read as zero.
    this.rows.fill(0, previous * this.stride);
    this.scores = new Float32Array(this.memory.buffer, scoresAt, capacity);
  }
}

/** A bounded min-heap of (docNumber, score) in typed arrays: keeps the k best seen; ties go to the lower number. */
class TopK {
  private readonly numbers: Uint32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.numbers = new Uint32Array(Math.max(0, capacity));
    this.scores = new Float64Array(Math.max(0, capacity));
  }

  offer(docNumber: number, score: number): void {
    if (this.size < this.capacity) {
      this.numbers[this.size] = docNumber;
      this.scores[this.size] = score;
      this.size += 1;
      this.up(this.size - 1);
    } else if (this.worseThan(0, score, docNumber)) {
      this.numbers[0] = docNumber;
      this.scores[0] = score;
      this.down(0);
    }
  }

  sortedDescending(): Array<[number, number]> {
    const entries: Array<[number, number]> = [];
    for (let i = 0; i < this.size; i += 1) entries.push([this.numbers[i] as number, this.scores[i] as number]);
    return entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  }

  /** Whether the entry at `i` ranks below (score, docNumber). */
  private worseThan(i: number, score: number, docNumber: number): boolean {
    const held = this.scores[i] as number;
    return held < score || (held === score && (this.numbers[i] as number) > docNumber);
  }

  private less(i: number, j: number): boolean {
    return this.worseThan(i, this.scores[j] as number, this.numbers[j] as number);
  }

  private swap(i: number, j: number): void {
    const number = this.numbers[i] as number;
    this.numbers[i] = this.numbers[j] as number;
    this.numbers[j] = number;
    const score = this.scores[i] as number;
    this.scores[i] = this.scores[j] as number;
    this.scores[j] = score;
  }

  private up(index: number): void {
    for (let i = index; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(index: number): void {
    for (let i = index; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.size && this.less(left, smallest)) smallest = left;
      if (right < this.size && this.less(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
