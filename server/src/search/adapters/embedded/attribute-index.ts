import { assertNonEmptyGroup, type Filter } from '../../filter';
import type { SearchDocument } from '../../search-engine';
import { DocSet } from './doc-set';
import { compare, equals, hasKeyAt, matchesFilter, valuesAt } from './filter-evaluator';

/** A list holding at least this share of the documents also keeps them as a bitset. */
const DENSE_SHARE = 1 / 32;

/**
 * The documents holding one value. Unordered; a removal moves the last one into the gap. A value
 * many documents hold (a sector, a TRL, a status) also keeps them as a bitset, no larger than its
 * list at that density: a filter on it is a word-wise OR and a facet count a popcount of an AND,
 * instead of a probe of the match set per document.
 */
class DocList {
  docs = new Uint32Array(4);
  count = 0;
  bits: DocSet | undefined;

  add(docNumber: number): void {
    if (this.count === this.docs.length) {
      const grown = new Uint32Array(Math.ceil(this.docs.length * 1.5) + 4);
      grown.set(this.docs);
      this.docs = grown;
    }
    this.docs[this.count] = docNumber;
    this.count += 1;
    if (this.bits) {
      this.bits = this.bits.grownTo(docNumber + 1);
      this.bits.add(docNumber);
    } else if (this.count >= 1024 && this.count >= (docNumber + 1) * DENSE_SHARE) {
      this.bits = DocSet.empty(docNumber + 1);
      this.bits.addAll(this.docs, this.count);
    }
  }

  /** Adds a document unless it was the last added: a document listing a value twice is one holder. */
  addOnce(docNumber: number): void {
    if (this.count === 0 || this.docs[this.count - 1] !== docNumber) this.add(docNumber);
  }

  remove(docNumber: number): void {
    const at = this.docs.subarray(0, this.count).indexOf(docNumber);
    if (at < 0) return;
    this.count -= 1;
    this.docs[at] = this.docs[this.count] as number;
    this.bits?.delete(docNumber);
  }

  /** Adds these documents to `into`. */
  addTo(into: DocSet): void {
    if (this.bits && this.bits.bits.length < this.count) into.orWith(this.bits);
    else into.addAll(this.docs, this.count);
  }

  /** How many of these documents `set` holds. */
  countIn(set: DocSet): number {
    return this.bits && this.bits.bits.length < this.count ? set.countShared(this.bits) : set.countIn(this.docs, this.count);
  }
}

/** Values by a key that keeps types apart (7 and "7" are different filter values) and their documents. */
class ValueTable<V> {
  readonly entries: Array<{ value: V; documents: DocList }> = [];
  private readonly idsByKey = new Map<string, number>();

  idFor(key: string, value: V): number {
    let id = this.idsByKey.get(key);
    if (id === undefined) {
      id = this.entries.length;
      this.idsByKey.set(key, id);
      this.entries.push({ value, documents: new DocList() });
    }
    return id;
  }

  idOf(key: string): number | undefined {
    return this.idsByKey.get(key);
  }
}

/** A filter value's key: its type and text, so 7 and "7" stay apart. */
function valueKey(value: Scalar): string {
  return `${typeof value}:${String(value)}`;
}

type Scalar = string | number | boolean;

/** Counting a facet by the matches' labels costs this many times a bitset test per column entry. */
const PER_MATCH_COST_RATIO = 12;

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * What one filterable attribute holds across the index: each distinct value with the documents
 * holding it, and the documents where the key exists. A filter is decided once per distinct value
 * (with the same comparisons as the per-document evaluator, so the semantics cannot drift) and
 * becomes the union of those values' documents; a facet counts each of its values' documents
 * within the match set.
 */
class AttributeColumn {
  /** Raw scalar values, for filters. */
  private readonly values = new ValueTable<Scalar>();
  /** Facet labels (values as strings: 7 and "7" are one facet value), for facet counts. */
  readonly labels = new ValueTable<string>();
  /**
   * Each document's label ids: a plain number when it has one (most attributes hold a single
   * value), so 100,000 documents do not keep 100,000 small arrays alive; the garbage collector
   * copies every young survivor, and those arrays were most of the index build's GC time.
   */
  private readonly labelsByDocument: (number | Uint32Array | undefined)[] = [];
  private present: DocSet = DocSet.empty(0);

  constructor(readonly path: string) {}

  add(docNumber: number, document: SearchDocument): void {
    let labelIds: number | Set<number> | undefined;
    for (const value of valuesAt(document, this.path) ?? []) {
      if (!isScalar(value)) continue;
      this.values.entries[this.values.idFor(valueKey(value), value)]?.documents.addOnce(docNumber);
      const label = String(value);
      const labelId = this.labels.idFor(label, label);
      if (labelIds === undefined) labelIds = labelId;
      else if (typeof labelIds === 'number') labelIds = labelIds === labelId ? labelIds : new Set([labelIds, labelId]);
      else labelIds.add(labelId);
    }
    const labels = typeof labelIds === 'object' ? Uint32Array.from(labelIds) : labelIds;
    for (const id of typeof labels === 'number' ? [labels] : (labels ?? [])) this.labels.entries[id]?.documents.add(docNumber);
    this.labelsByDocument[docNumber] = labels;
    this.present = this.present.grownTo(docNumber + 1);
    if (hasKeyAt(document, this.path)) this.present.add(docNumber);
  }

  /** Forgets a document; `document` is the one it was added with, whose values say which lists hold it. */
  remove(docNumber: number, document: SearchDocument): void {
    const labels = this.labelsByDocument[docNumber];
    if (labels === undefined) return;
    for (const value of valuesAt(document, this.path) ?? []) {
      if (isScalar(value)) this.values.entries[this.values.idOf(valueKey(value)) ?? -1]?.documents.remove(docNumber);
    }
    for (const id of typeof labels === 'number' ? [labels] : labels) this.labels.entries[id]?.documents.remove(docNumber);
    this.labelsByDocument[docNumber] = undefined;
    this.present.delete(docNumber);
  }

  /** Documents holding a value for which `holds` is true. */
  where(holds: (value: Scalar) => boolean, into: DocSet): DocSet {
    for (const { value, documents } of this.values.entries) if (documents.count > 0 && holds(value)) documents.addTo(into);
    return into;
  }

  /**
   * Documents per facet label within the matches. Walking each label's documents against the
   * match bitset is a tight loop over the whole column; walking the matches' own labels costs
   * about twelve times as much per match (measured), so it is taken only for few matches. The
   * unfiltered empty query reads the lists' lengths.
   */
  labelCounts(matches: Matches): Array<[string, number]> {
    const entries = this.labels.entries;
    if (matches.everything) return entries.map(({ value, documents }) => [value, documents.count]);
    const columnSize = entries.reduce((sum, { documents }) => sum + documents.count, 0);
    let counts: ArrayLike<number>;
    if (matches.count * PER_MATCH_COST_RATIO < columnSize) {
      const tally = new Uint32Array(entries.length);
      const members = matches.members();
      for (let i = 0; i < members.length; i += 1) {
        const labels = this.labelsByDocument[members[i] as number];
        if (typeof labels === 'number') tally[labels] = (tally[labels] as number) + 1;
        else if (labels) for (let j = 0; j < labels.length; j += 1) tally[labels[j] as number] = (tally[labels[j] as number] as number) + 1;
      }
      counts = tally;
    } else {
      counts = entries.map(({ documents }) => documents.countIn(matches.set));
    }
    return entries.map(({ value }, id) => [value, counts[id] as number]);
  }

  existing(into: DocSet): DocSet {
    const words = Math.min(into.bits.length, this.present.bits.length);
    for (let i = 0; i < words; i += 1) into.bits[i] = this.present.bits[i] as number;
    return into;
  }
}

/** A search's matching documents, as a set and as a list; `everything` when they are every live document. */
export interface Matches {
  readonly set: DocSet;
  members: () => Uint32Array;
  count: number;
  everything: boolean;
}

/**
 * Filters as bitsets and facet counts over the filterable attributes. A filter or facet on a
 * path inside a declared attribute (not itself declared) is still answered, document by
 * document, from the stored documents.
 */
export class AttributeIndex {
  private readonly columns: Map<string, AttributeColumn>;

  constructor(
    attributes: readonly string[],
    /** Stored documents by number, for the paths no column answers. */
    private readonly documentAt: (docNumber: number) => SearchDocument,
  ) {
    this.columns = new Map(attributes.map((attribute) => [attribute, new AttributeColumn(attribute)]));
  }

  add(docNumber: number, document: SearchDocument): void {
    for (const column of this.columns.values()) column.add(docNumber, document);
  }

  /** Forgets a document; `document` is the one it was added with. */
  remove(docNumber: number, document: SearchDocument): void {
    for (const column of this.columns.values()) column.remove(docNumber, document);
  }

  /** The live documents matching `filter`, with Meilisearch's semantics (as matchesFilter). */
  matching(filter: Filter, live: DocSet): DocSet {
    const blank = () => new DocSet(new Uint32Array(live.bits.length));
    switch (filter.op) {
      case 'not':
        return live.without(this.matching(filter.filter, live));
      case 'and':
      case 'or': {
        assertNonEmptyGroup(filter.filters, filter.op);
        const [first, ...rest] = filter.filters.map((child) => this.matching(child, live));
        return rest.reduce((set, next) => (filter.op === 'and' ? set.and(next) : set.or(next)), first as DocSet);
      }
      default:
        break;
    }
    const column = this.columns.get(filter.field);
    if (!column) return this.scanned(filter, live, blank());
    switch (filter.op) {
      case 'eq':
        return column.where((value) => equals(value, filter.value), blank());
      case 'ne':
        return live.without(column.where((value) => equals(value, filter.value), blank()));
      case 'in':
        return column.where((value) => filter.values.some((wanted) => equals(value, wanted)), blank());
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte': {
        const { op, value: bound } = filter;
        return column.where((value) => compare(value, op, bound), blank());
      }
      case 'exists':
        return column.existing(blank()).and(live);
    }
  }

  /** Facet value → count within the matches, in value order, at most `maxValues`; values no match holds are left out. */
  facetCounts(facet: string, matches: Matches, maxValues: number): Record<string, number> {
    const counts = new Map<string, number>();
    const column = this.columns.get(facet);
    if (column) {
      for (const [value, count] of column.labelCounts(matches)) if (count > 0) counts.set(value, count);
    } else {
      for (const docNumber of matches.members()) {
        const labels = new Set((valuesAt(this.documentAt(docNumber), facet) ?? []).filter(isScalar).map(String));
        for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
      }
    }
    const ordered = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, maxValues);
    return Object.fromEntries(ordered);
  }

  /** A condition on a path no column holds, checked on each live stored document. */
  private scanned(filter: Filter, live: DocSet, into: DocSet): DocSet {
    for (let word = 0; word < live.bits.length; word += 1) {
      let bits = live.bits[word] as number;
      while (bits !== 0) {
        const bit = 31 - Math.clz32(bits);
        bits &= ~(1 << bit);
        const docNumber = word * 32 + bit;
        if (matchesFilter(this.documentAt(docNumber), filter)) into.add(docNumber);
      }
    }
    return into;
  }
}
