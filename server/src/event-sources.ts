import type { EventSource } from './events/event-dispatcher';
import type { HistoryEntry } from './db/domain-events';
import { ChallengeModel } from './challenges/challenge.model';
import { SolutionModel } from './solutions/solution.model';
import { ResponseModel } from './responses/response.model';
import { ClarificationModel } from './clarifications/clarification.model';
import { MatchModel, type MatchRecord } from './matching/match.model';
import { PilotModel } from './pilots/pilot.model';

/**
 * A match's own transition log as events. Every write that moves a match's version pushes exactly
 * one entry (creation is version 1 with SUGGEST), so an entry's position gives its version.
 */
function matchEvents(match: MatchRecord): HistoryEntry[] {
  return match.history.map((entry, index) => ({
    name: `match.${entry.event}`,
    version: index + 1,
    at: entry.at,
    ...(entry.byUserId ? { actorId: entry.byUserId.toHexString() } : {}),
    ...(entry.from ? { from: entry.from } : {}),
    to: entry.to,
  }));
}

/** Every model whose lifecycle records domain events, with the entity name its events carry. */
export const eventSources = [
  { entity: 'challenge', model: ChallengeModel },
  { entity: 'solution', model: SolutionModel },
  { entity: 'response', model: ResponseModel },
  { entity: 'clarification', model: ClarificationModel },
  { entity: 'match', model: MatchModel, historyOf: matchEvents },
  { entity: 'pilot', model: PilotModel },
] as unknown as EventSource[];
