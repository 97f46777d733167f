import type { MoneyBand } from '../contract/generated/resolvers-types';

/** Facet buckets for money, so users can narrow by order of magnitude rather than exact figures. */
export function moneyBand(gbp: number): MoneyBand {
  if (gbp < 25_000) return 'UNDER_25K';
  if (gbp < 100_000) return 'FROM_25K_TO_100K';
  if (gbp < 250_000) return 'FROM_100K_TO_250K';
  return 'OVER_250K';
}

/**
 * Completes a synonym table so that every pair reads both ways: engines take synonyms one way
 * (`word → alternatives`), and a hand-kept mirror drifts (it once lacked `electric → ev`).
 */
export function symmetric(oneWay: Record<string, string[]>): Record<string, string[]> {
  const both = new Map<string, Set<string>>();
  const link = (from: string, to: string) => {
    if (from === to) return;
    if (!both.has(from)) both.set(from, new Set());
    both.get(from)!.add(to);
  };
  for (const [word, alternatives] of Object.entries(oneWay)) {
    for (const alternative of alternatives) {
      link(word, alternative);
      link(alternative, word);
    }
  }
  return Object.fromEntries([...both].map(([word, alternatives]) => [word, [...alternatives].sort()]));
}

/** Words public bodies and start-ups use for the same things. */
export const PUBLIC_SECTOR_SYNONYMS = symmetric({
  gp: ['doctor', 'surgery'],
  flytipping: ['dumping'],
  ev: ['electric'],
  rota: ['roster', 'scheduling'],
  roster: ['scheduling'],
  rostering: ['scheduling'],
  loneliness: ['isolation'],
  translation: ['interpreting'],
  bins: ['waste', 'refuse'],
  refuse: ['waste'],
});
