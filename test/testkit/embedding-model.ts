import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_EMBEDDING_MODEL_DIR, repoRoot } from '../../server/src/config/config';

/** The model `npm test`'s setup fetched; suites that need it are skipped, and say so, when it could not be had. */
export const MODEL_DIR = path.resolve(repoRoot, process.env.EMBEDDING_MODEL_DIR ?? DEFAULT_EMBEDDING_MODEL_DIR);
export const modelAvailable = existsSync(path.join(MODEL_DIR, 'model.onnx')) && existsSync(path.join(MODEL_DIR, 'tokenizer.json'));

/** `describe`, or `describe.skip` naming why, for suites that need the real model. */
export const describeWithModel: (name: string, body: () => void) => void = modelAvailable
  ? describe
  : (name, body) => describe.skip(`${name} (no embedding model in ${MODEL_DIR}; run npm run setup)`, body);
