import { mean, ndcgAt, percentile, recallAt, reciprocalRankAt } from '../../bench/lib/ir-metrics';

describe('IR metrics on a hand-computed example', () => {
  // Relevant: a (grade 2), c (grade 1), x (grade 1, never retrieved); b judged not relevant.
  const judgements = new Map([
    ['a', 2],
    ['b', 0],
    ['c', 1],
    ['x', 1],
  ]);
  const ranking = ['b', 'a', 'd', 'c'];

  it('nDCG@k uses linear gains and a log2 discount over the ideal ranking', () => {
    // DCG = 2/log2(3) + 1/log2(5) = 1.26186 + 0.43068; IDCG = 2/1 + 1/log2(3) + 1/log2(4) = 3.13093.
    expect(ndcgAt(10, ranking, judgements)).toBeCloseTo((2 / Math.log2(3) + 1 / Math.log2(5)) / (2 + 1 / Math.log2(3) + 0.5), 10);
    expect(ndcgAt(10, ranking, judgements)).toBeCloseTo(0.54057, 4);
    // Cut at 1: nothing relevant in first place.
    expect(ndcgAt(1, ranking, judgements)).toBe(0);
  });

  it('recall@k counts relevant documents found within k', () => {
    expect(recallAt(2, ranking, judgements)).toBeCloseTo(1 / 3, 10);
    expect(recallAt(10, ranking, judgements)).toBeCloseTo(2 / 3, 10);
  });

  it('MRR@k is the reciprocal rank of the first relevant document', () => {
    expect(reciprocalRankAt(10, ranking, judgements)).toBe(0.5);
    expect(reciprocalRankAt(1, ranking, judgements)).toBe(0);
  });

  it('handles queries without relevant documents and summary statistics', () => {
    const none = new Map([['b', 0]]);
    expect(ndcgAt(10, ranking, none)).toBe(0);
    expect(recallAt(10, ranking, none)).toBe(0);
    expect(mean([0.5, 1])).toBe(0.75);
    expect(mean([])).toBe(0);
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
  });
});
