import { EmbeddedSearchEngine } from '../../server/src/search/adapters/embedded/embedded-search-engine';
import { f } from '../../server/src/search/filter';
import { defineIndexSettings, VECTOR_FIELD, type SearchDocument } from '../../server/src/search/search-engine';
import { mulberry32 } from '../../bench/lib/random';

const random = mulberry32(9);

function randomUnit(dimensions: number): Float32Array {
  const vector = Float32Array.from({ length: dimensions }, () => random() * 2 - 1);
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/** The exact answer, by brute force over what the index should hold. */
function expectedNearest(held: Map<string, { vector: Float32Array; group: string }>, query: Float32Array, limit: number, group?: string) {
  return [...held]
    .filter(([, entry]) => group === undefined || entry.group === group)
    .map(([id, entry]) => ({ id, similarity: dot(entry.vector, query) }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, limit);
}

describe.each([384, 5])('embedded vector search at %i dimensions, against brute force', (dimensions) => {
  it('finds the exact nearest documents through growth, replacement, deletion and filters', async () => {
    const engine = new EmbeddedSearchEngine();
    const settings = defineIndexSettings({ searchableAttributes: ['title'], filterableAttributes: ['group'], vectorDimensions: dimensions });
    await engine.ensureIndex('vectors', settings);
    const held = new Map<string, { vector: Float32Array; group: string }>();
    const upsert = async (ids: string[]) => {
      const documents: SearchDocument[] = ids.map((id, position) => {
        const entry = { vector: randomUnit(dimensions), group: position % 3 === 0 ? 'rare' : 'common' };
        held.set(id, entry);
        return { id, title: id, group: entry.group, version: 1, [VECTOR_FIELD]: entry.vector };
      });
      await engine.upsertDocuments('vectors', documents);
    };
    // Past the first allocation, so the rows grow over the old scratch space.
    await upsert(Array.from({ length: 2500 }, (_unused, index) => `d${index}`));
    const gone = Array.from({ length: 400 }, (_unused, index) => `d${index * 5}`);
    await engine.deleteDocuments('vectors', gone);
    for (const id of gone) held.delete(id);
    await upsert([...Array.from({ length: 300 }, (_unused, index) => `d${index * 7 + 1}`), ...Array.from({ length: 600 }, (_unused, index) => `new${index}`)]);

    for (let round = 0; round < 5; round += 1) {
      const query = randomUnit(dimensions);
      for (const group of [undefined, 'rare']) {
        const hits = await engine.searchByVector('vectors', { vector: query, limit: 25, ...(group ? { filter: f.eq('group', group) } : {}) });
        const expected = expectedNearest(held, query, 25, group);
        expect(hits.map((hit) => hit.id)).toEqual(expected.map((hit) => hit.id));
        hits.forEach((hit, position) => expect(hit.similarity).toBeCloseTo(expected[position]?.similarity as number, 5));
      }
    }
  });
});
