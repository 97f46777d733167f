import type { EventSource } from './events/event-dispatcher';
import { ChallengeModel } from './challenges/challenge.model';
import { SolutionModel } from './solutions/solution.model';
import { ResponseModel } from './responses/response.model';
import { PilotModel } from './pilots/pilot.model';

/** Every model whose lifecycle records domain events, with the entity name its events carry. */
export const eventSources = [
  { entity: 'challenge', model: ChallengeModel },
  { entity: 'solution', model: SolutionModel },
  { entity: 'response', model: ResponseModel },
  { entity: 'pilot', model: PilotModel },
] as unknown as EventSource[];
