import crypto from 'node:crypto';
import { EmbedderUnavailableError, type Embedder } from '../../server/src/search/embedder';

/**
 * A deterministic stand-in for the model: each word hashes to one of 64 dimensions, so texts
 * sharing words are close. It can be taken down, made to fail at a rate, or held until released,
 * so tests can drive the indexer through every embedder failure.
 */
export class FakeEmbedder implements Embedder {
  readonly modelId = 'fake-bag-of-words-64';
  readonly dimensions = 64;
  down = false;
  failureRate = 0;
  /** Texts embedded so far, to prove that cached vectors are not recomputed. */
  embedded = 0;
  private held: Promise<void> | undefined;
  private releaseHeld: (() => void) | undefined;
  private random = 0.5;

  /** Calls wait until release(): a slow model, as on a busy machine. */
  hold(): void {
    this.held = new Promise((resolve) => {
      this.releaseHeld = resolve;
    });
  }

  release(): void {
    this.releaseHeld?.();
    this.held = undefined;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    await this.held;
    if (this.down) throw new EmbedderUnavailableError('embedder is down (injected)');
    // A fixed sequence rather than Math.random, so a failing run replays.
    this.random = (this.random * 9301 + 49297) % 233280 / 233280;
    if (this.random < this.failureRate) throw new EmbedderUnavailableError('embedding failed (injected)');
    this.embedded += texts.length;
    return texts.map((text) => {
      const vector = new Float32Array(this.dimensions);
      for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
        vector[crypto.createHash('md5').update(word).digest()[0]! % this.dimensions]! += 1;
      }
      const norm = Math.hypot(...vector) || 1;
      return vector.map((value) => value / norm);
    });
  }

  async close(): Promise<void> {
    this.release();
  }
}
