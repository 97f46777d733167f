import { parentPort, workerData } from 'node:worker_threads';
import { OnnxSentenceModel } from './onnx-model';

/** What the embedder thread sends and receives; vectors travel as one transferred buffer. */
export type WorkerRequest = { id: number; texts: string[] };
export type WorkerReply =
  | { kind: 'ready'; dimensions: number }
  | { kind: 'vectors'; id: number; buffer: ArrayBuffer; count: number }
  | { kind: 'error'; id: number | null; message: string };

/** The model runs on this thread so that inference never blocks the server's event loop. */
async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('the embedding worker must run in a worker thread');
  const { modelDir, threads } = workerData as { modelDir: string; threads: number };
  let model: OnnxSentenceModel;
  try {
    model = await OnnxSentenceModel.load(modelDir, threads);
  } catch (error) {
    port.postMessage({ kind: 'error', id: null, message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
    return;
  }
  port.postMessage({ kind: 'ready', dimensions: model.dimensions } satisfies WorkerReply);
  port.on('message', (request: WorkerRequest) => {
    model.embed(request.texts).then(
      (vectors) => {
        const packed = new Float32Array(vectors.length * model.dimensions);
        vectors.forEach((vector, index) => packed.set(vector, index * model.dimensions));
        port.postMessage({ kind: 'vectors', id: request.id, buffer: packed.buffer, count: vectors.length } satisfies WorkerReply, [packed.buffer]);
      },
      (error: unknown) => {
        port.postMessage({ kind: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
      },
    );
  });
}

void serve();
