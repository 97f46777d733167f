import crypto from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { EmbedderUnavailableError, type Embedder } from '../embedder';
import { MAX_TOKENS } from './onnx-model';
import type { WorkerReply, WorkerRequest } from './onnx-embedding-worker';

/** Tuning for the local model; the defaults suit a small shared machine. */
export interface OnnxEmbedderOptions {
  /** Threads inference may use inside the worker. */
  threads?: number;
  /** Documents sent to the worker at once; larger batches amortise overhead but delay the next batch. */
  maxBatch?: number;
  /** Texts that may wait; beyond this, embed() fails fast instead of queueing without bound. */
  maxQueued?: number;
  /** How long the document thread may sit idle before it is stopped, releasing its model; restarted on demand. */
  documentIdleMs?: number;
}

interface Pending {
  text: string;
  resolve: (vector: Float32Array) => void;
  reject: (error: Error) => void;
}

const MODEL_FILES = ['model.onnx', 'tokenizer.json'];
/** Long enough that a stream of edits keeps the thread, short enough that a finished reindex gives its memory back. */
export const DOCUMENT_IDLE_MS = 30_000;

async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Resolves the embedding worker's entry point: compiled JavaScript in production, TypeScript
 * under tsx and jest, where the thread must register tsx's loader itself.
 */
function startWorker(modelDir: string, threads: number): Worker {
  const script = path.join(__dirname, `onnx-embedding-worker${path.extname(__filename)}`);
  const workerData = { modelDir, threads };
  if (script.endsWith('.ts')) {
    return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(script)});`, { eval: true, workerData, execArgv: [] });
  }
  return new Worker(script, { workerData });
}

/**
 * One worker thread with its queue: one batch in flight at a time, so the thread's CPU use is
 * bounded by construction; a thread that dies mid-batch is replaced and the queue goes on.
 */
class EmbeddingLane {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private readonly queue: Pending[] = [];
  private inFlight: { id: number; items: Pending[] } | undefined;
  private loaded = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly modelDir: string,
    private readonly threads: number,
    private readonly maxBatch: number,
    private readonly dimensions: number,
    /** Stop the thread after this long without work; undefined keeps it for good. */
    private readonly idleMs?: number,
  ) {}

  get waiting(): number {
    return this.queue.length;
  }

  /** Starts the thread now, so a model that cannot load is known at once; it then idles out like any other. */
  async start(): Promise<void> {
    await this.spawn();
    this.pump();
  }

  enqueue(texts: string[]): Promise<Float32Array[]> {
    const promises = texts.map((text) => new Promise<Float32Array>((resolve, reject) => this.queue.push({ text, resolve, reject })));
    this.pump();
    return Promise.all(promises);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    const failure = new EmbedderUnavailableError('The embedder is closed.');
    for (const item of [...this.queue.splice(0), ...(this.inFlight?.items ?? [])]) item.reject(failure);
    this.inFlight = undefined;
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private spawn(): Promise<void> {
    const worker = startWorker(this.modelDir, this.threads);
    this.worker = worker;
    this.loaded = false;
    let loaded = false;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: WorkerReply) => {
        if (reply.kind === 'ready') {
          loaded = true;
          if (this.worker === worker) this.loaded = true;
          resolve();
        } else if (reply.kind === 'error' && reply.id === null) {
          reject(new EmbedderUnavailableError(`The model did not load: ${reply.message}`));
        } else {
          this.receive(reply);
        }
      });
      worker.on('error', (error) => {
        reject(error);
        this.fail(worker, error, loaded);
      });
      worker.on('exit', (code) => {
        reject(new EmbedderUnavailableError(`The embedding worker exited with code ${code} before it was ready.`));
        this.fail(worker, new Error(`embedding worker exited with code ${code}`), loaded);
      });
    });
    return this.ready;
  }

  /** A thread that had been working is replaced; one that could not even load the model fails everything queued rather than retry forever. */
  private fail(worker: Worker, cause: Error, wasLoaded: boolean): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.loaded = false;
    const failed = [...(this.inFlight?.items ?? []), ...(wasLoaded ? [] : this.queue.splice(0))];
    this.inFlight = undefined;
    for (const item of failed) item.reject(new EmbedderUnavailableError('The embedding worker failed.', cause));
    if (!this.closed) this.pump();
  }

  private receive(reply: WorkerReply): void {
    if (reply.kind === 'ready' || reply.id !== this.inFlight?.id) return;
    const { items } = this.inFlight;
    this.inFlight = undefined;
    if (reply.kind === 'error') {
      for (const item of items) item.reject(new EmbedderUnavailableError(`Embedding failed: ${reply.message}`));
    } else {
      const packed = new Float32Array(reply.buffer);
      items.forEach((item, index) => item.resolve(packed.slice(index * this.dimensions, (index + 1) * this.dimensions)));
    }
    this.pump();
  }

  private pump(): void {
    if (this.inFlight || this.closed) return;
    clearTimeout(this.idleTimer);
    const items = this.queue.splice(0, this.maxBatch);
    if (items.length === 0) {
      if (this.idleMs !== undefined && this.worker) this.idleTimer = setTimeout(() => this.release(), this.idleMs).unref();
      return;
    }
    const id = this.nextId++;
    this.inFlight = { id, items };
    if (!this.worker) this.spawn().catch(() => undefined);
    const worker = this.worker as Worker;
    const send = () => worker.postMessage({ id, texts: items.map((item) => item.text) } satisfies WorkerRequest);
    // Posted at once when the thread is up, so the model starts while the caller goes on with its own work.
    if (this.loaded) {
      send();
      return;
    }
    void (this.ready as Promise<void>).then(
      send,
      (error: unknown) => {
        if (this.inFlight?.id !== id) return;
        this.inFlight = undefined;
        for (const item of items) item.reject(new EmbedderUnavailableError('The model could not be started.', error));
      },
    );
  }

  /** Stops an idle thread; the next batch starts a new one. */
  private release(): void {
    const worker = this.worker;
    if (!worker || this.inFlight || this.queue.length > 0 || this.closed) return;
    this.worker = undefined;
    this.loaded = false;
    void worker.terminate();
  }
}

/**
 * The local all-MiniLM-L6-v2 model behind the Embedder interface, in two worker threads: one for
 * queries and one for documents. A long document batch takes seconds on a busy machine, and a
 * search must not wait behind it. Each thread's model and its memory arena cost 200-300 MB, so the
 * document thread, busy only while records are being indexed, stops after a spell of idleness.
 */
export class OnnxEmbedder implements Embedder {
  private readonly queries: EmbeddingLane;
  private readonly documents: EmbeddingLane;
  private readonly maxQueued: number;
  private closed = false;

  private constructor(
    modelDir: string,
    readonly modelId: string,
    readonly dimensions: number,
    options: OnnxEmbedderOptions,
  ) {
    const threads = options.threads ?? 1;
    this.queries = new EmbeddingLane(modelDir, 1, 16, dimensions);
    this.documents = new EmbeddingLane(modelDir, threads, options.maxBatch ?? 8, dimensions, options.documentIdleMs ?? DOCUMENT_IDLE_MS);
    this.maxQueued = options.maxQueued ?? 20_000;
  }

  /**
   * Starts the model from a folder holding model.onnx and tokenizer.json. The model id includes
   * the model file's hash, so a different file can never pass for this one.
   */
  static async load(modelDir: string, options: OnnxEmbedderOptions = {}): Promise<OnnxEmbedder> {
    for (const file of MODEL_FILES) await fs.access(path.join(modelDir, file));
    const hash = await sha256Of(path.join(modelDir, 'model.onnx'));
    const embedder = new OnnxEmbedder(modelDir, `all-MiniLM-L6-v2-onnx-${hash.slice(0, 12)}-mean-${MAX_TOKENS}`, 384, options);
    await Promise.all([embedder.queries.start(), embedder.documents.start()]);
    return embedder;
  }

  embed(texts: string[], options: { priority?: 'query' | 'document' } = {}): Promise<Float32Array[]> {
    if (this.closed) return Promise.reject(new EmbedderUnavailableError('The embedder is closed.'));
    if (texts.length === 0) return Promise.resolve([]);
    if (this.queries.waiting + this.documents.waiting + texts.length > this.maxQueued) {
      return Promise.reject(new EmbedderUnavailableError('The embedder is overloaded; try again shortly.'));
    }
    return (options.priority === 'query' ? this.queries : this.documents).enqueue(texts);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([this.queries.close(), this.documents.close()]);
  }
}
