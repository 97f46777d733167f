import type { FunnelStage } from '../../gql/graphql';
import { countOf } from '../../components/ui/plural';
import { asPercent } from '../../components/matching/MatchExplanation';
import { FUNNEL_STAGE_LABELS } from './labels';

interface FunnelFigures {
  stage: FunnelStage;
  count: number;
  conversionFromPrevious?: number | null;
}

/** Each stage's count in a sentence, its noun agreeing with the number ("1 pilot", "3 pilots"). */
const FUNNEL_STAGE_COUNTS: Record<FunnelStage, (count: number) => string> = {
  CHALLENGES_PUBLISHED: (count) => countOf(count, 'challenge published', 'challenges published'),
  RESPONSES: (count) => countOf(count, 'response'),
  SUGGESTIONS: (count) => countOf(count, 'suggested match', 'suggested matches'),
  SHORTLISTED: (count) => `${count} shortlisted`,
  INTRODUCED: (count) => `${count} introduced`,
  ACCEPTED: (count) => `${count} accepted by both sides`,
  PILOTS: (count) => countOf(count, 'pilot'),
  ADOPTED: (count) => `${count} adopted`,
};

/**
 * A stage's count over the previous stage's, as the server gives it. Below 1 it is a share ("40%"); above, the
 * stage outnumbers the one before, which a percentage over 100 hides, so it is said as a multiple.
 */
export const stageRatio = (ratio: number) => (ratio > 1 ? `${ratio.toFixed(1)} times as many` : asPercent(ratio));

/** The funnel in one sentence: where the cohort starts, where it ends, and the steepest drop. */
export function funnelSummary(funnel: readonly FunnelFigures[]): string {
  const first = funnel[0];
  if (!first) return 'No figures yet.';
  if (first.count === 0) return 'No challenges were published in this period, so the funnel is empty.';
  // A stage can outnumber the one before it (many responses to one challenge): only shrinking stages are drops.
  const drops = funnel.filter((step) => step.conversionFromPrevious != null && step.conversionFromPrevious < 1);
  const steepest = drops.sort((a, b) => a.conversionFromPrevious! - b.conversionFromPrevious!)[0];
  const steepestText = steepest
    ? ` The steepest drop is into ${FUNNEL_STAGE_LABELS[steepest.stage].toLowerCase()}, at ${asPercent(steepest.conversionFromPrevious!)} of the stage before.`
    : '';
  const later = funnel.slice(1).map((step) => FUNNEL_STAGE_COUNTS[step.stage](step.count));
  return `${FUNNEL_STAGE_COUNTS[first.stage](first.count)} led to ${later.join(', ')}.${steepestText}`;
}
