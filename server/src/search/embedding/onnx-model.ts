import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import * as ort from 'onnxruntime-node';
import { meanPoolNormalised } from './mean-pooling';

/** The model's trained limit; longer texts keep their first 255 word pieces and the closing [SEP]. */
export const MAX_TOKENS = 256;
/**
 * Texts run together are padded to the longest, so a sub-batch is capped in padded tokens. The
 * runtime's memory arena keeps the peak batch's activations for good: after 32 long texts RSS was
 * 863 MB at 4096 tokens, 428 MB at 1024 and 282 MB with no arena, for 4.4, 4.9 and 5.8 s of CPU.
 */
const MAX_PADDED_TOKENS = 1024;
const MAX_SUB_BATCH = 32;

interface Encoded {
  ids: number[];
  order: number;
}

/**
 * all-MiniLM-L6-v2 (int8 ONNX) with its WordPiece tokenizer, run where it is created: the
 * embedding worker thread. Texts are sorted by length and run in sub-batches so short texts
 * are not padded to the longest one in the batch.
 */
export class OnnxSentenceModel {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly tokenizer: Tokenizer,
    private readonly sepId: number,
    readonly dimensions: number,
  ) {}

  static async load(modelDir: string, threads: number): Promise<OnnxSentenceModel> {
    const tokenizerJson = JSON.parse(await fs.readFile(path.join(modelDir, 'tokenizer.json'), 'utf8')) as object;
    const tokenizer = new Tokenizer(tokenizerJson, {});
    const session = await ort.InferenceSession.create(path.join(modelDir, 'model.onnx'), {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      // Idle pool threads would otherwise spin between runs, taking a shared core from everything
      // else: with two threads, 143 ms of CPU per long text spinning and 109 ms not, and less wall time under load.
      extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
    });
    const sepId = tokenizer.token_to_id('[SEP]');
    if (sepId === undefined) throw new Error('tokenizer.json has no [SEP] token');
    const model = new OnnxSentenceModel(session, tokenizer, sepId, 0);
    const [probe] = await model.embed(['probe']);
    return new OnnxSentenceModel(session, tokenizer, sepId, probe?.length ?? 0);
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const encoded: Encoded[] = texts.map((text, order) => ({ ids: this.encode(text), order }));
    encoded.sort((a, b) => a.ids.length - b.ids.length);
    const vectors = new Array<Float32Array>(texts.length);
    for (let start = 0; start < encoded.length; ) {
      let end = start + 1;
      while (
        end < encoded.length &&
        end - start < MAX_SUB_BATCH &&
        (end - start + 1) * (encoded[end] as Encoded).ids.length <= MAX_PADDED_TOKENS
      ) {
        end += 1;
      }
      const group = encoded.slice(start, end);
      const pooled = await this.run(group.map((item) => item.ids));
      group.forEach((item, index) => {
        vectors[item.order] = pooled[index] as Float32Array;
      });
      start = end;
    }
    return vectors;
  }

  private encode(text: string): number[] {
    const ids = this.tokenizer.encode(text).ids;
    return ids.length <= MAX_TOKENS ? ids : [...ids.slice(0, MAX_TOKENS - 1), this.sepId];
  }

  private async run(rows: number[][]): Promise<Float32Array[]> {
    const batch = rows.length;
    const sequence = Math.max(...rows.map((row) => row.length));
    const ids = new BigInt64Array(batch * sequence);
    const mask = new BigInt64Array(batch * sequence);
    rows.forEach((row, r) => {
      row.forEach((id, position) => {
        ids[r * sequence + position] = BigInt(id);
        mask[r * sequence + position] = 1n;
      });
    });
    const dims = [batch, sequence];
    const output = await this.session.run({
      input_ids: new ort.Tensor('int64', ids, dims),
      attention_mask: new ort.Tensor('int64', mask, dims),
      token_type_ids: new ort.Tensor('int64', new BigInt64Array(batch * sequence), dims),
    });
    const hidden = output.last_hidden_state;
    if (!hidden) throw new Error('the model has no last_hidden_state output');
    const width = hidden.dims[2] ?? 0;
    return meanPoolNormalised(hidden.data as Float32Array, mask, batch, sequence, width);
  }
}
