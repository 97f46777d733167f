import type { DocSet } from './doc-set';

/**
 * Exact k-nearest-neighbour search over unit vectors, beside the inverted index and keyed by the
 * same document numbers. One contiguous Float32Array holds every vector: at 100,000 documents of
 * 384 dimensions that is 154 MB. A full scan costs about 35 ms of CPU at 100,000 (the loop below,
 * four partial sums at a time; int8 codes measured slower in JavaScript, 40-58 ms, for a quarter of
 * the memory), so an approximate index is not worth its recall loss yet
 * (`npm run bench -- search --size 100000`).
 */
export class VectorIndex {
  private slab: Float32Array;
  private present: Uint8Array;
  private count = 0;

  constructor(readonly dimensions: number) {
    this.slab = new Float32Array(dimensions * 1024);
    this.present = new Uint8Array(1024);
  }

  get size(): number {
    return this.count;
  }

  set(docNumber: number, vector: Float32Array): void {
    if (vector.length !== this.dimensions) {
      throw new Error(`Vector has ${vector.length} dimensions; this index holds ${this.dimensions}`);
    }
    this.grow(docNumber + 1);
    this.slab.set(vector, docNumber * this.dimensions);
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
    return this.slab.slice(docNumber * this.dimensions, (docNumber + 1) * this.dimensions);
  }

  /**
   * The `limit` documents most similar to `query` among those in `allowed` (the filter's bitset),
   * best first. Whole 32-document words of the bitset that are empty are skipped unread.
   */
  nearest(query: Float32Array, limit: number, allowed: DocSet): Array<[docNumber: number, similarity: number]> {
    if (query.length !== this.dimensions) throw new Error(`Query vector has ${query.length} dimensions; expected ${this.dimensions}`);
    if (limit <= 0) return [];
    const heap = new TopK(limit);
    const { dimensions, slab, present } = this;
    const unrolled = dimensions - (dimensions % 4);
    const words = allowed.bits;
    const lastWord = Math.min(words.length, Math.ceil(present.length / 32));
    for (let word = 0; word < lastWord; word += 1) {
      let bits = words[word] as number;
      while (bits !== 0) {
        const bit = 31 - Math.clz32(bits & -bits);
        bits &= bits - 1;
        const docNumber = word * 32 + bit;
        if (present[docNumber] !== 1) continue;
        const base = docNumber * dimensions;
        let a = 0;
        let b = 0;
        let c = 0;
        let d = 0;
        for (let i = 0; i < unrolled; i += 4) {
          a += (slab[base + i] as number) * (query[i] as number);
          b += (slab[base + i + 1] as number) * (query[i + 1] as number);
          c += (slab[base + i + 2] as number) * (query[i + 2] as number);
          d += (slab[base + i + 3] as number) * (query[i + 3] as number);
        }
        for (let i = unrolled; i < dimensions; i += 1) a += (slab[base + i] as number) * (query[i] as number);
        heap.offer(docNumber, a + b + c + d);
      }
    }
    return heap.sortedDescending();
  }

  private grow(needed: number): void {
    if (needed <= this.present.length) return;
    let capacity = this.present.length;
    while (capacity < needed) capacity *= 2;
    const slab = new Float32Array(capacity * this.dimensions);
    slab.set(this.slab);
    const present = new Uint8Array(capacity);
    present.set(this.present);
    this.slab = slab;
    this.present = present;
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
