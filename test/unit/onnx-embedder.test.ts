import os from 'node:os';
import { cosine, EmbedderUnavailableError } from '../../server/src/search/embedder';
import { OnnxEmbedder } from '../../server/src/search/embedding/onnx-embedder';
import { describeWithModel, MODEL_DIR } from '../testkit/embedding-model';

describeWithModel('OnnxEmbedder (all-MiniLM-L6-v2, int8)', () => {
  let embedder: OnnxEmbedder;

  beforeAll(async () => {
    embedder = await OnnxEmbedder.load(MODEL_DIR);
  });
  afterAll(async () => {
    await embedder.close();
  });

  it('names its model by file hash and pooling, and gives 384 dimensions', () => {
    expect(embedder.modelId).toMatch(/^all-MiniLM-L6-v2-onnx-8199be6f699a-mean-256$/);
    expect(embedder.dimensions).toBe(384);
  });

  it('gives unit vectors that are the same every time, alone or in a batch', async () => {
    const text = 'Reduce hospital discharge delays for patients waiting for a home care package';
    const [alone] = await embedder.embed([text]);
    const [again, other] = await embedder.embed([text, 'a much shorter text']);
    expect(alone).toHaveLength(384);
    expect(Math.hypot(...(alone as Float32Array))).toBeCloseTo(1, 5);
    expect(cosine(alone as Float32Array, again as Float32Array)).toBeGreaterThan(0.99999);
    expect(cosine(alone as Float32Array, other as Float32Array)).toBeLessThan(0.9);
  });

  it('puts texts about the same need closer than texts that only share words', async () => {
    const [need, answer, sharedWords] = await embedder.embed([
      'residents cannot get through to book a GP appointment',
      'cloud telephony with call-back',
      'residents can book a slot at the household recycling centre',
    ]);
    const [gp, telephony, recycling] = [need, answer, sharedWords] as Float32Array[];
    expect(cosine(gp as Float32Array, telephony as Float32Array)).toBeGreaterThan(cosine(telephony as Float32Array, recycling as Float32Array));
    const [flood, river, payroll] = (await embedder.embed([
      'early warning when rivers are about to flood homes',
      'water level sensors on streams send alerts before flooding',
      'payroll software for school staff',
    ])) as Float32Array[];
    expect(cosine(flood as Float32Array, river as Float32Array)).toBeGreaterThan(cosine(flood as Float32Array, payroll as Float32Array) + 0.2);
  });

  it('embeds texts far longer than the model takes, by keeping their beginning', async () => {
    const opening = 'Damp and mould in social housing flats. ';
    const [long, longer] = (await embedder.embed([opening + 'word '.repeat(600), opening + 'word '.repeat(2000)])) as Float32Array[];
    expect(cosine(long as Float32Array, longer as Float32Array)).toBeGreaterThan(0.9999);
  });

  it('answers many concurrent callers, each with its own vectors', async () => {
    const texts = Array.from({ length: 40 }, (_unused, index) => `request number ${index} about ${index % 2 ? 'parking' : 'libraries'}`);
    const [expected] = await embedder.embed([texts[7] as string]);
    const results = await Promise.all(texts.map((text, index) => embedder.embed([text], { priority: index % 3 ? 'document' : 'query' })));
    expect(cosine(results[7]?.[0] as Float32Array, expected as Float32Array)).toBeGreaterThan(0.99999);
    expect(new Set(results.map((vectors) => vectors[0]?.slice(0, 4).join(','))).size).toBe(texts.length);
  });

  it('refuses work beyond its queue bound with a coded error instead of queueing without limit', async () => {
    const small = await OnnxEmbedder.load(MODEL_DIR, { maxQueued: 4 });
    try {
      await expect(small.embed(Array.from({ length: 5 }, () => 'too many'))).rejects.toBeInstanceOf(EmbedderUnavailableError);
      await expect(small.embed(['fits'])).resolves.toHaveLength(1);
    } finally {
      await small.close();
    }
  });

  it('stops its idle document thread and starts it again for the next texts, with the same vectors', async () => {
    const idling = await OnnxEmbedder.load(MODEL_DIR, { documentIdleMs: 1 });
    try {
      const text = 'Sensors warn residents before the river floods';
      const [first] = await idling.embed([text]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const [again] = await idling.embed([text]);
      const [query] = await idling.embed([text], { priority: 'query' });
      expect(cosine(first as Float32Array, again as Float32Array)).toBeGreaterThan(0.99999);
      expect(cosine(first as Float32Array, query as Float32Array)).toBeGreaterThan(0.99999);
    } finally {
      await idling.close();
    }
  });

  it('fails calls after close', async () => {
    const closing = await OnnxEmbedder.load(MODEL_DIR);
    await closing.close();
    await expect(closing.embed(['late'])).rejects.toMatchObject({ code: 'SEARCH_UNAVAILABLE' });
  });
});

describe('OnnxEmbedder without a model', () => {
  it('refuses to load from a folder without the model files', async () => {
    await expect(OnnxEmbedder.load(os.tmpdir())).rejects.toThrow(/model\.onnx/);
  });
});
