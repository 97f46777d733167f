/**
 * Exact k-nearest-neighbour search over unit vectors, beside the inverted index and keyed by the
 * same document numbers. One contiguous Float32Array holds every vector: at 100,000 documents of
 * 384 dimensions that is 154 MB, and a full scan is a few tens of milliseconds, so an
 * approximate index is not worth its recall loss yet (bench: `npm run bench -- search`).
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

  /** The `limit` documents most similar to `query` among those `accept` lets through, best first. */
  nearest(query: Float32Array, limit: number, accept: (docNumber: number) => boolean): Array<[docNumber: number, similarity: number]> {
    if (query.length !== this.dimensions) throw new Error(`Query vector has ${query.length} dimensions; expected ${this.dimensions}`);
    const heap = new MinHeap(limit);
    const dimensions = this.dimensions;
    const slab = this.slab;
    for (let docNumber = 0; docNumber < this.present.length; docNumber += 1) {
      if (this.present[docNumber] === 0) continue;
      const base = docNumber * dimensions;
      let dot = 0;
      for (let d = 0; d < dimensions; d += 1) dot += (slab[base + d] as number) * (query[d] as number);
      // Filters are dearer than a dot product, so only candidates that would enter the top k are checked.
      if (heap.wouldAccept(dot) && accept(docNumber)) heap.push(docNumber, dot);
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

/** A bounded min-heap of (docNumber, score): keeps the k best seen; ties go to the lower number. */
class MinHeap {
  private readonly numbers: number[] = [];
  private readonly scores: number[] = [];

  constructor(private readonly capacity: number) {}

  wouldAccept(score: number): boolean {
    return this.capacity > 0 && (this.scores.length < this.capacity || score > (this.scores[0] as number));
  }

  push(docNumber: number, score: number): void {
    if (this.scores.length < this.capacity) {
      this.numbers.push(docNumber);
      this.scores.push(score);
      this.up(this.scores.length - 1);
      return;
    }
    this.numbers[0] = docNumber;
    this.scores[0] = score;
    this.down(0);
  }

  sortedDescending(): Array<[number, number]> {
    return this.numbers
      .map((docNumber, index) => [docNumber, this.scores[index] as number] as [number, number])
      .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  }

  private less(i: number, j: number): boolean {
    const si = this.scores[i] as number;
    const sj = this.scores[j] as number;
    return si < sj || (si === sj && (this.numbers[i] as number) > (this.numbers[j] as number));
  }

  private swap(i: number, j: number): void {
    [this.numbers[i], this.numbers[j]] = [this.numbers[j] as number, this.numbers[i] as number];
    [this.scores[i], this.scores[j]] = [this.scores[j] as number, this.scores[i] as number];
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
      if (left < this.scores.length && this.less(left, smallest)) smallest = left;
      if (right < this.scores.length && this.less(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
