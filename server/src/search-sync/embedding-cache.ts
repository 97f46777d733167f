import crypto from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { trusted } from '../db/trusted';

interface CachedEmbedding {
  _id: string;
  modelId: string;
  vector: Buffer;
  createdAt: Date;
}

/**
 * Vectors by content hash and model id. Embedding is the slow part of indexing (a few long texts
 * a second per core), so a reindex, a restart or an edit that leaves the text alone reads the
 * vector back instead of recomputing it. Entries never go stale: a new text or model is a new key.
 */
const embeddingSchema = new Schema<CachedEmbedding>(
  {
    _id: { type: String, required: true },
    modelId: { type: String, required: true },
    vector: { type: Buffer, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'embeddings' },
);

export const EmbeddingModel: mongoose.Model<CachedEmbedding> =
  (mongoose.models.Embedding as mongoose.Model<CachedEmbedding> | undefined) ?? mongoose.model<CachedEmbedding>('Embedding', embeddingSchema);

/** The cache key: the same text under the same model, and nothing else, gives the same key. */
export function embeddingKey(modelId: string, text: string): string {
  return crypto.createHash('sha256').update(modelId).update('\0').update(text).digest('hex');
}

function toBuffer(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer.slice(vector.byteOffset, vector.byteOffset + vector.byteLength));
}

function toVector(buffer: Buffer): Float32Array {
  const copy = new Uint8Array(buffer.byteLength);
  copy.set(buffer);
  return new Float32Array(copy.buffer);
}

/** Lean reads give the driver's Binary rather than a Buffer. */
function binaryBytes(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  const binary = value as { buffer: Uint8Array };
  return Buffer.from(binary.buffer);
}

/** Cached vectors for the keys that have one. */
export async function cachedEmbeddings(keys: string[]): Promise<Map<string, Float32Array>> {
  const found = new Map<string, Float32Array>();
  for (let start = 0; start < keys.length; start += 500) {
    const rows = await EmbeddingModel.find({ _id: trusted({ $in: keys.slice(start, start + 500) }) }).lean<CachedEmbedding[]>();
    for (const row of rows) found.set(row._id, toVector(binaryBytes(row.vector)));
  }
  return found;
}

/** Stores vectors; a key stored meanwhile by another worker is left as it is (same key, same vector). */
export async function storeEmbeddings(modelId: string, entries: { key: string; vector: Float32Array }[]): Promise<void> {
  if (entries.length === 0) return;
  const createdAt = new Date();
  await EmbeddingModel.bulkWrite(
    entries.map(({ key, vector }) => ({
      updateOne: {
        filter: { _id: key },
        update: { $setOnInsert: { modelId, vector: toBuffer(vector), createdAt } },
        upsert: true,
      },
    })),
    { ordered: false },
  );
}
