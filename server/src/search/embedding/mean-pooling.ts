/**
 * Sentence vectors from a transformer's token states: the mean over real tokens (padding masked
 * out), scaled to unit length so that a dot product is a cosine. This is how all-MiniLM-L6-v2
 * was trained to be used.
 */
export function meanPoolNormalised(
  hidden: Float32Array,
  mask: ArrayLike<number | bigint>,
  batch: number,
  sequence: number,
  dimensions: number,
): Float32Array[] {
  const vectors: Float32Array[] = [];
  for (let row = 0; row < batch; row += 1) {
    const vector = new Float32Array(dimensions);
    let tokens = 0;
    for (let position = 0; position < sequence; position += 1) {
      if (Number(mask[row * sequence + position]) === 0) continue;
      tokens += 1;
      const offset = (row * sequence + position) * dimensions;
      for (let d = 0; d < dimensions; d += 1) vector[d] = (vector[d] as number) + (hidden[offset + d] as number);
    }
    let norm = 0;
    for (let d = 0; d < dimensions; d += 1) {
      const mean = (vector[d] as number) / Math.max(tokens, 1);
      vector[d] = mean;
      norm += mean * mean;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dimensions; d += 1) vector[d] = (vector[d] as number) * scale;
    vectors.push(vector);
  }
  return vectors;
}
