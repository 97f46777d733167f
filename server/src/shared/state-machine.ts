import { AppError } from './errors';

/**
 * A lifecycle as data: for each state, the events it accepts and the state each leads to.
 * Services move records only through `nextState`, so the table is the single source of truth
 * and can be tested and shown to users (`allowedEvents`).
 */
export type TransitionTable<State extends string, Event extends string> = Record<State, Partial<Record<Event, State>>>;

/** The events a record in `state` accepts, in table order. */
export function allowedEvents<State extends string, Event extends string>(
  table: TransitionTable<State, Event>,
  state: State,
): Event[] {
  return Object.keys(table[state]) as Event[];
}

/** The state `event` leads to from `state`, or an INVALID_TRANSITION error naming the current state and what it allows. */
export function nextState<State extends string, Event extends string>(
  table: TransitionTable<State, Event>,
  entity: string,
  state: State,
  event: Event,
): State {
  const target = table[state][event];
  if (target !== undefined) return target;
  const allowed = allowedEvents(table, state);
  throw new AppError(
    'INVALID_TRANSITION',
    `Cannot ${event} a ${entity} that is ${state}; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none'}.`,
    { entity, currentState: state, event, allowedEvents: allowed },
  );
}
