import { randomUUID } from 'node:crypto';
import { f } from '../../server/src/search/filter';
import { defineIndexSettings, VECTOR_FIELD, type SearchDocument, type SearchEngine } from '../../server/src/search/search-engine';
import type { ContractSubject } from './search-engine.contract';

const SETTINGS = defineIndexSettings({
  searchableAttributes: ['title'],
  filterableAttributes: ['status'],
  vectorDimensions: 4,
});

function unit(...values: number[]): Float32Array {
  const norm = Math.hypot(...values);
  return Float32Array.from(values.map((value) => value / norm));
}

function doc(id: string, vector: Float32Array | null, overrides: Partial<SearchDocument> = {}): SearchDocument {
  return { id, title: `Document ${id}`, status: 'OPEN', version: 1, [VECTOR_FIELD]: vector, ...overrides };
}

/** Pointing the same way as the query, then progressively less so. */
const DOCUMENTS = [
  doc('same', unit(1, 0, 0, 0)),
  doc('near', unit(0.9, 0.1, 0, 0)),
  doc('middling', unit(0.5, 0.5, 0, 0)),
  doc('orthogonal', unit(0, 0, 1, 0)),
  doc('opposite', unit(-1, 0, 0, 0)),
  doc('closed-near', unit(0.95, 0.05, 0, 0), { status: 'CLOSED' }),
  doc('no-vector', null, { title: 'Document without vector' }),
];
const QUERY = unit(1, 0, 0, 0);

/**
 * The vector half of the SearchEngine contract: k-NN by cosine with filters, vectors replaced
 * with their documents, and stored vectors readable by id, identically on every adapter.
 */
export function describeVectorSearchContract(adapterName: string, createSubject: () => Promise<ContractSubject>): void {
  describe(`SearchEngine vector contract: ${adapterName}`, () => {
    let subject: ContractSubject;
    let engine: SearchEngine;
    let created: string[];

    const newIndex = async (documents: SearchDocument[] = DOCUMENTS): Promise<string> => {
      const name = `vectors_${randomUUID().replaceAll('-', '')}`;
      created.push(name);
      await engine.ensureIndex(name, SETTINGS);
      await engine.upsertDocuments(name, documents);
      return name;
    };

    beforeAll(async () => {
      subject = await createSubject();
      engine = subject.engine;
    });
    afterAll(async () => {
      await subject.close?.();
    });
    beforeEach(() => {
      created = [];
    });
    afterEach(async () => {
      for (const name of created) await engine.deleteIndex(name);
    });

    it('ranks documents by cosine similarity, best first, and skips those without a vector', async () => {
      const index = await newIndex();
      const hits = await engine.searchByVector(index, { vector: QUERY, limit: 10 });
      expect(hits.map((hit) => hit.id)).toEqual(['same', 'closed-near', 'near', 'middling', 'orthogonal', 'opposite']);
      expect(hits[0]?.similarity).toBeCloseTo(1, 4);
      expect(hits.find((hit) => hit.id === 'middling')?.similarity).toBeCloseTo(Math.SQRT1_2, 4);
      expect(hits.at(-1)?.similarity).toBeCloseTo(-1, 4);
    });

    it('applies the filter and the limit', async () => {
      const index = await newIndex();
      const hits = await engine.searchByVector(index, { vector: QUERY, limit: 2, filter: f.eq('status', 'OPEN') });
      expect(hits.map((hit) => hit.id)).toEqual(['same', 'near']);
    });

    it('never returns the vector with the document', async () => {
      const index = await newIndex();
      const [stored] = await engine.getDocuments(index, ['same']);
      expect(stored).toEqual({ id: 'same', title: 'Document same', status: 'OPEN', version: 1 });
      const response = await engine.search(index, { query: 'document', limit: 10 });
      expect(response.hits.length).toBe(DOCUMENTS.length);
      for (const hit of response.hits) expect(Object.keys(hit.document)).not.toContain(VECTOR_FIELD);
    });

    it('returns stored vectors by id, and nothing for ids without one', async () => {
      const index = await newIndex();
      const vectors = await engine.getVectors(index, ['near', 'no-vector', 'missing']);
      expect([...vectors.keys()]).toEqual(['near']);
      const near = vectors.get('near') as Float32Array;
      unit(0.9, 0.1, 0, 0).forEach((value, position) => expect(near[position]).toBeCloseTo(value, 5));
    });

    it('replaces the vector with its document, and an upsert without one removes it', async () => {
      const index = await newIndex();
      await engine.upsertDocuments(index, [doc('opposite', unit(1, 0, 0, 0), { version: 2 }), doc('same', null, { version: 2 })]);
      const hits = await engine.searchByVector(index, { vector: QUERY, limit: 2, filter: f.eq('status', 'OPEN') });
      expect(hits.map((hit) => hit.id)).toEqual(['opposite', 'near']);
      expect((await engine.getVectors(index, ['same'])).size).toBe(0);
      expect((await engine.search(index, { query: 'document' })).estimatedTotalHits).toBe(DOCUMENTS.length);
    });

    it('forgets the vector of a deleted document', async () => {
      const index = await newIndex();
      await engine.deleteDocuments(index, ['same']);
      const hits = await engine.searchByVector(index, { vector: QUERY, limit: 1 });
      expect(hits.map((hit) => hit.id)).toEqual(['closed-near']);
    });

    it('keeps vectors when settings are applied again and across an index swap', async () => {
      const index = await newIndex();
      await engine.ensureIndex(index, SETTINGS);
      const other = await newIndex([doc('elsewhere', unit(0, 1, 0, 0))]);
      await engine.swapIndexes(index, other);
      expect((await engine.searchByVector(other, { vector: QUERY, limit: 1 }))[0]?.id).toBe('same');
      expect((await engine.searchByVector(index, { vector: QUERY, limit: 5 })).map((hit) => hit.id)).toEqual(['elsewhere']);
    });
  });
}
