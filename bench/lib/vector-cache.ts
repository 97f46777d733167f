import crypto from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Embedder } from '../../server/src/search/embedder';
import { repoRoot } from '../../server/src/config/config';

/** Where the benchmarks keep document vectors between runs (gitignored). */
export const VECTOR_CACHE_DIR = path.join(repoRoot, '.cache', 'embeddings');

const HASH_BYTES = 32;

/**
 * Document vectors on disk, keyed by the sha256 of the text under one model id, so the relevance
 * and bench commands embed a corpus once (SciFact takes many minutes on two cores) and every
 * later run reads it back in a second. One append-only file per model: hash, then the vector.
 */
export class DiskVectorCache {
  private readonly vectors = new Map<string, Float32Array>();

  private constructor(
    private readonly file: string,
    private readonly dimensions: number,
  ) {}

  static async open(modelId: string, dimensions: number, directory = VECTOR_CACHE_DIR): Promise<DiskVectorCache> {
    const cache = new DiskVectorCache(path.join(directory, `${modelId.replace(/[^A-Za-z0-9._-]/g, '_')}.bin`), dimensions);
    await fs.mkdir(directory, { recursive: true });
    const bytes = await fs.readFile(cache.file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return Buffer.alloc(0);
      throw error;
    });
    const record = HASH_BYTES + dimensions * 4;
    // A run killed mid-append leaves a partial last record; whole records before it are kept.
    for (let offset = 0; offset + record <= bytes.length; offset += record) {
      const key = bytes.subarray(offset, offset + HASH_BYTES).toString('hex');
      const vector = new Float32Array(dimensions);
      Buffer.from(vector.buffer).set(bytes.subarray(offset + HASH_BYTES, offset + record));
      cache.vectors.set(key, vector);
    }
    return cache;
  }

  get size(): number {
    return this.vectors.size;
  }

  /** Vectors for the texts, embedding (and appending) only the ones not on disk yet. */
  async embedAll(embedder: Embedder, texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]> {
    const keys = texts.map((text) => crypto.createHash('sha256').update(text).digest('hex'));
    const missing = [...new Set(keys.map((key, index) => (this.vectors.has(key) ? -1 : index)).filter((index) => index >= 0))];
    const chunk = 32;
    for (let start = 0; start < missing.length; start += chunk) {
      const indices = missing.slice(start, start + chunk);
      const vectors = await embedder.embed(indices.map((index) => texts[index] as string));
      const records = indices.map((index, position) => {
        const vector = vectors[position] as Float32Array;
        this.vectors.set(keys[index] as string, vector);
        return Buffer.concat([Buffer.from(keys[index] as string, 'hex'), Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength)]);
      });
      await fs.appendFile(this.file, Buffer.concat(records));
      onProgress?.(Math.min(start + chunk, missing.length), missing.length);
    }
    return keys.map((key) => this.vectors.get(key) as Float32Array);
  }
}
