import path from 'node:path';
import { DEFAULT_EMBEDDING_MODEL_DIR, repoRoot } from '../../server/src/config/config';
import { OnnxEmbedder } from '../../server/src/search/embedding/onnx-embedder';
import type { BeirDataset } from './beir-dataset';
import { DiskVectorCache, VECTOR_CACHE_DIR } from './vector-cache';

/** The text a document is embedded as, the same as search relevance's, so the cached vectors are shared. */
export const documentVectorText = (document: { title: string; text: string }) => [document.title, document.text].filter(Boolean).join('\n');

/**
 * Vectors of a dataset's documents and queries through the disk cache (.cache/embeddings): only
 * texts never embedded under this model are embedded, so SciFact costs seconds after its first run.
 */
export async function datasetVectors(
  dataset: BeirDataset,
  queryText: (query: BeirDataset['queries'][number]) => string,
  log: (message: string) => void,
): Promise<{ modelId: string; dimensions: number; documents: Float32Array[]; queries: Float32Array[] }> {
  const embedder = await OnnxEmbedder.load(path.resolve(repoRoot, DEFAULT_EMBEDDING_MODEL_DIR), { threads: 2 });
  try {
    const cache = await DiskVectorCache.open(embedder.modelId, embedder.dimensions);
    const documents = await cache.embedAll(embedder, dataset.documents.map(documentVectorText), (done, total) => {
      if (done % 256 === 0 || done === total) log(`embedding documents not yet in ${VECTOR_CACHE_DIR}: ${done}/${total}`);
    });
    const queries = await cache.embedAll(embedder, dataset.queries.map(queryText));
    return { modelId: embedder.modelId, dimensions: embedder.dimensions, documents, queries };
  } finally {
    await embedder.close();
  }
}
