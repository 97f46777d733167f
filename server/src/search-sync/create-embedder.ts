import type { Config } from '../config/config';
import type { Logger } from '../shared/logger';
import type { Embedder } from '../search/embedder';
import { OnnxEmbedder } from '../search/embedding/onnx-embedder';

/**
 * The configured embedding model, or the reason there is none. A missing or broken model never
 * stops Pilotline: it runs with keyword search only and says so in the log, /readyz and results.
 */
export async function createEmbedder(config: Config, logger: Logger): Promise<{ embedder?: Embedder; semanticUnavailableReason?: string }> {
  const { modelDir, threads } = config.embedding;
  if (!modelDir) {
    const reason = 'semantic search is off (SEMANTIC_SEARCH=off)';
    logger.info(reason);
    return { semanticUnavailableReason: reason };
  }
  try {
    const embedder = await OnnxEmbedder.load(modelDir, { threads });
    logger.info({ modelId: embedder.modelId, modelDir }, 'semantic search on');
    return { embedder };
  } catch (error) {
    const reason = `no usable embedding model in ${modelDir} (run npm run setup, or set EMBEDDING_MODEL_DIR)`;
    logger.warn({ err: error }, `semantic search unavailable: ${reason}; keyword search only`);
    return { semanticUnavailableReason: reason };
  }
}
