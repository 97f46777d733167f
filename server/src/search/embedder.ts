import { AppError } from '../shared/errors';

/**
 * Turns texts into unit-length vectors whose dot product measures closeness of meaning. The
 * indexer embeds documents through it and search embeds queries; the matcher compares the two.
 */
export interface Embedder {
  /**
   * Names the model, its file and its pooling: vectors are only comparable under one id, so every
   * stored vector carries it and vectors from another model are never mixed in.
   */
  readonly modelId: string;
  readonly dimensions: number;
  /**
   * Embeds texts in order. `priority: 'query'` goes ahead of queued document batches, so a
   * search never waits behind a bulk reindex.
   */
  embed(texts: string[], options?: { priority?: 'query' | 'document' }): Promise<Float32Array[]>;
  close(): Promise<void>;
}

/** The embedder failed or is overloaded; callers degrade to keyword search and retry indexing later. */
export class EmbedderUnavailableError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('SEARCH_UNAVAILABLE', message);
    this.name = 'EmbedderUnavailableError';
    if (cause !== undefined) this.cause = cause;
  }
}

/** Cosine similarity of two unit vectors (their dot product). */
export function cosine(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += (a[i] as number) * (b[i] as number);
  return sum;
}
