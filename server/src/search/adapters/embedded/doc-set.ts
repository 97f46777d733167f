/**
 * A set of document numbers as a bitset: filters combine as whole-word AND, OR and NOT, so a
 * filter over 100,000 documents costs a few thousand word operations rather than a walk over
 * every document.
 */
export class DocSet {
  constructor(readonly bits: Uint32Array) {}

  static empty(capacity: number): DocSet {
    return new DocSet(new Uint32Array(Math.ceil(capacity / 32)));
  }

  /** How many documents the set holds. */
  size(): number {
    let count = 0;
    for (const word of this.bits) count += bitCount(word);
    return count;
  }

  has(docNumber: number): boolean {
    return ((this.bits[docNumber >>> 5] as number) & (1 << (docNumber & 31))) !== 0;
  }

  add(docNumber: number): void {
    this.bits[docNumber >>> 5] = (this.bits[docNumber >>> 5] as number) | (1 << (docNumber & 31));
  }

  delete(docNumber: number): void {
    this.bits[docNumber >>> 5] = (this.bits[docNumber >>> 5] as number) & ~(1 << (docNumber & 31));
  }

  /** Adds every number in the first `count` of `docNumbers`. */
  addAll(docNumbers: Uint32Array, count: number): void {
    for (let i = 0; i < count; i += 1) this.add(docNumbers[i] as number);
  }

  /** How many of the first `count` of `docNumbers` are in the set. */
  countIn(docNumbers: Uint32Array, count: number): number {
    let found = 0;
    for (let i = 0; i < count; i += 1) if (this.has(docNumbers[i] as number)) found += 1;
    return found;
  }

  /** How many documents this set shares with `other`. */
  countShared(other: DocSet): number {
    const words = Math.min(this.bits.length, other.bits.length);
    let count = 0;
    for (let i = 0; i < words; i += 1) count += bitCount((this.bits[i] as number) & (other.bits[i] as number));
    return count;
  }

  /** Adds every member of `other`, in place. */
  orWith(other: DocSet): void {
    const words = Math.min(this.bits.length, other.bits.length);
    for (let i = 0; i < words; i += 1) this.bits[i] = (this.bits[i] as number) | (other.bits[i] as number);
  }

  and(other: DocSet): DocSet {
    const bits = new Uint32Array(this.bits.length);
    for (let i = 0; i < bits.length; i += 1) bits[i] = (this.bits[i] as number) & (other.bits[i] ?? 0);
    return new DocSet(bits);
  }

  or(other: DocSet): DocSet {
    const bits = new Uint32Array(this.bits.length);
    for (let i = 0; i < bits.length; i += 1) bits[i] = (this.bits[i] as number) | (other.bits[i] ?? 0);
    return new DocSet(bits);
  }

  /** This set without the members of `other`. */
  without(other: DocSet): DocSet {
    const bits = new Uint32Array(this.bits.length);
    for (let i = 0; i < bits.length; i += 1) bits[i] = (this.bits[i] as number) & ~(other.bits[i] ?? 0);
    return new DocSet(bits);
  }

  /** The same set with room for document numbers below `capacity`. */
  grownTo(capacity: number): DocSet {
    const words = Math.ceil(capacity / 32);
    if (words <= this.bits.length) return this;
    const bits = new Uint32Array(Math.max(words, Math.ceil(this.bits.length * 1.5)));
    bits.set(this.bits);
    return new DocSet(bits);
  }
}

/** Population count of a 32-bit word (Hacker's Delight, 5-2). */
function bitCount(word: number): number {
  word -= (word >>> 1) & 0x55555555;
  word = (word & 0x33333333) + ((word >>> 2) & 0x33333333);
  return Math.imul((word + (word >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
