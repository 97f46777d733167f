import { z } from 'zod';
import type { Actor } from './actor';
import type { EventSink } from './domain-event';
import { AppError, forbidden } from './errors';
import { parseInput } from './validation';

/**
 * One module for every record that moves through states (challenges, solutions, responses,
 * clarifications; suggestions, introductions and pilots next). A lifecycle is declared once, as
 * data: its states, where it starts and ends, which event leads where, who may fire each event and
 * what else must hold. Services fire transitions through it; `viewerCan` and `allowedEvents` are
 * derived from it; and its structure is checked (every state reachable, no unused event, the
 * terminal states declared) when it is defined and again in the tests.
 *
 * The policy says who (the roles an actor plays towards a record); the lifecycle says when.
 */

/** Who is asking and when: a ServiceContext or GraphQL context satisfies it as it is. */
export interface Circumstances {
  actor: Actor;
  now: Date;
}

/**
 * A check beyond role and state (an unverified organisation, a deadline). It returns the error to
 * refuse with, or undefined to let the event through; `viewerCan` reads the same answer as false.
 */
export type Guard<R, Facts> = (record: R, at: Circumstances & Facts) => AppError | undefined;

/** Everything a lifecycle is, in one declaration. */
export interface LifecycleDeclaration<State extends string, Event extends string, Role extends string, R, Facts = object> {
  /** Names the record in errors and domain events (`challenge`). */
  entity: string;
  initial: State;
  /** States with no way out. Declared, so that a state which loses its exits by mistake is caught. */
  terminal: readonly State[];
  /** For each state, the events it accepts and the state each leads to. Self-loops (UPDATE) state "editable here". */
  transitions: Record<State, Partial<Record<Event, State>>>;
  /** Who may fire each event, whatever the state; every event must be listed, so none is ownerless. */
  roles: Record<Event, readonly Role[]>;
  /** The roles an actor plays towards one record (possibly none); `at` carries any facts the roles depend on. */
  rolesOf: (actor: Actor, record: R, at: Circumstances & Facts) => readonly Role[];
  guards?: Partial<Record<Event, Guard<R, Facts>>>;
}

/** `REQUEST_CHANGES` → `requestChanges`: an event's flag in a GraphQL `viewerCan` object. */
export type FlagOf<Event extends string> = Event extends `${infer Head}_${infer Tail}`
  ? `${Lowercase<Head>}${Capitalize<FlagOf<Tail>>}`
  : Lowercase<Event>;

/**
 * One fired event, handed to the write so the change and its domain event can be stored together:
 * it is already the event as a record's history keeps it (name, when, who, from, to).
 */
export interface Transition<State extends string, Event extends string> {
  entity: string;
  event: Event;
  /** `<entity>.<EVENT>`, e.g. `challenge.PUBLISH`. */
  name: string;
  at: Date;
  /** The user who fired it; absent when the platform did (the sweeper, seeds). */
  actorId?: string;
  from: State;
  to: State;
}

/** What firing needs besides the record: the caller's circumstances, any facts the guards read, and where events go. */
export type FiringContext<Facts> = Circumstances & Facts & { events: EventSink };

interface Stateful<State extends string> {
  _id: { toHexString(): string };
  status: State;
}

export interface FireOptions<State extends string, Event extends string, R> {
  /** Event-specific fields and input checks, run once the event is allowed. */
  changes?: (record: R) => Partial<R>;
  /** The one write: version-checked, conditional on the state read, carrying the transition. */
  save: (changes: Partial<R> & { status: State }, transition: Transition<State, Event>) => Promise<R>;
}

/** A declared lifecycle with everything derived from it. */
export interface Lifecycle<State extends string, Event extends string, Role extends string, R extends Stateful<State>, Facts = object>
  extends LifecycleDeclaration<State, Event, Role, R, Facts> {
  readonly states: readonly State[];
  /** Every event, in the order `roles` lists them. */
  readonly events: readonly Event[];
  /** Whether the actor's roles let them fire the event at all, in any state. */
  hasRole(record: R, event: Event, at: Circumstances & Facts): boolean;
  /** FORBIDDEN unless `hasRole`: for services that check the role before parsing an edit's input. */
  assertRole(record: R, event: Event, at: Circumstances & Facts): void;
  /** Role, state and guard all allow it: what the UI may offer. */
  canFire(record: R, event: Event, at: Circumstances & Facts): boolean;
  /** The events the actor may fire now, in the state's table order. */
  allowedEvents(record: R, at: Circumstances & Facts): Event[];
  /** One flag per event (`requestChanges`), for the type's `viewerCan`. */
  viewerCan(record: R, at: Circumstances & Facts): Record<FlagOf<Event>, boolean>;
  /**
   * Refuses in a fixed order, FORBIDDEN (role), INVALID_TRANSITION (state), then the guard's own
   * error, and otherwise returns the state the event leads to.
   */
  authorise(record: R, event: Event, at: Circumstances & Facts): State;
  /** Authorises, applies `changes`, writes once through `save`, then publishes the domain event. */
  fire(record: R, event: Event, ctx: FiringContext<Facts>, options: FireOptions<State, Event, R>): Promise<R>;
}

const flagOf = (event: string) =>
  event.toLowerCase().replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());

/** What is wrong with a declaration's structure; empty when it is sound. */
export function lifecycleProblems(declaration: {
  initial: string;
  terminal: readonly string[];
  transitions: Record<string, Partial<Record<string, string>>>;
  roles: Record<string, readonly string[]>;
}): string[] {
  const problems: string[] = [];
  const exits = (state: string) => Object.entries(declaration.transitions[state] ?? {}) as [string, string][];
  const states = Object.keys(declaration.transitions);
  const events = Object.keys(declaration.roles);
  if (!states.includes(declaration.initial)) problems.push(`the initial state ${declaration.initial} is not a state`);
  const reachable = new Set([declaration.initial]);
  for (let frontier = [declaration.initial]; frontier.length > 0; ) {
    const next = frontier.flatMap((state) => exits(state).map(([, target]) => target)).filter((state) => !reachable.has(state));
    for (const state of next) reachable.add(state);
    frontier = next;
  }
  for (const state of states) if (!reachable.has(state)) problems.push(`${state} cannot be reached from ${declaration.initial}`);
  const used = new Set<string>();
  for (const state of states) {
    for (const [event, target] of exits(state)) {
      used.add(event);
      if (!states.includes(target)) problems.push(`${state} --${event}--> ${target}, which is not a state`);
      if (!events.includes(event)) problems.push(`${event} (from ${state}) has no roles declared`);
    }
  }
  for (const event of events) {
    if (!used.has(event)) problems.push(`${event} is never accepted in any state`);
    if (declaration.roles[event]?.length === 0) problems.push(`nobody may fire ${event}`);
  }
  const dead = states.filter((state) => exits(state).length === 0);
  for (const state of dead) if (!declaration.terminal.includes(state)) problems.push(`${state} has no way out but is not declared terminal`);
  for (const state of declaration.terminal) if (!dead.includes(state)) problems.push(`${state} is declared terminal but has events`);
  return problems;
}

/** The INVALID_TRANSITION error: names the current state and every event the state accepts. */
export function invalidTransition(entity: string, state: string, event: string, allowed: readonly string[]): AppError {
  return new AppError(
    'INVALID_TRANSITION',
    `Cannot ${event} a ${entity} that is ${state}; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none'}.`,
    { entity, currentState: state, event, allowedEvents: [...allowed] },
  );
}

/** Marks what `defineLifecycle` returned, so the structural tests can find every lifecycle. */
const LIFECYCLE = Symbol('lifecycle');

/** True for a value made by `defineLifecycle`. */
export function isLifecycle(value: unknown): value is Lifecycle<string, string, string, Stateful<string>, object> {
  return typeof value === 'object' && value !== null && LIFECYCLE in value;
}

/**
 * Declares a lifecycle and derives the rest. A declaration with a structural problem throws at
 * once, at import time, rather than misbehaving in some state nobody tried.
 */
export function defineLifecycle<State extends string, Event extends string, Role extends string, R extends Stateful<State>, Facts = object>(
  declaration: LifecycleDeclaration<State, Event, Role, R, Facts>,
): Lifecycle<State, Event, Role, R, Facts> {
  const problems = lifecycleProblems(declaration);
  if (problems.length > 0) throw new Error(`The ${declaration.entity} lifecycle is unsound: ${problems.join('; ')}.`);
  const states = Object.keys(declaration.transitions) as State[];
  const events = Object.keys(declaration.roles) as Event[];
  const eventsIn = (state: State) => Object.keys(declaration.transitions[state]) as Event[];

  const hasRole = (record: R, event: Event, at: Circumstances & Facts) => {
    const roles = declaration.rolesOf(at.actor, record, at);
    return declaration.roles[event].some((role) => roles.includes(role));
  };
  const refusal = (record: R, event: Event, at: Circumstances & Facts) => declaration.guards?.[event]?.(record, at);
  const canFire = (record: R, event: Event, at: Circumstances & Facts) =>
    hasRole(record, event, at) && declaration.transitions[record.status][event] !== undefined && refusal(record, event, at) === undefined;

  const assertRole = (record: R, event: Event, at: Circumstances & Facts) => {
    if (!hasRole(record, event, at)) {
      throw forbidden(`You are not allowed to ${event.toLowerCase().replaceAll('_', ' ')} this ${declaration.entity}.`);
    }
  };
  const authorise = (record: R, event: Event, at: Circumstances & Facts): State => {
    assertRole(record, event, at);
    const next = declaration.transitions[record.status][event];
    if (next === undefined) throw invalidTransition(declaration.entity, record.status, event, eventsIn(record.status));
    const refused = refusal(record, event, at);
    if (refused) throw refused;
    return next;
  };

  return {
    ...declaration,
    [LIFECYCLE]: true,
    states,
    events,
    hasRole,
    assertRole,
    canFire,
    authorise,
    allowedEvents: (record, at) => eventsIn(record.status).filter((event) => canFire(record, event, at)),
    viewerCan: (record, at) =>
      Object.fromEntries(events.map((event) => [flagOf(event), canFire(record, event, at)])) as Record<FlagOf<Event>, boolean>,
    async fire(record, event, ctx, { changes, save }) {
      const to = authorise(record, event, ctx);
      const transition: Transition<State, Event> = {
        entity: declaration.entity,
        event,
        name: `${declaration.entity}.${event}`,
        at: ctx.now,
        ...(ctx.actor.kind === 'user' ? { actorId: ctx.actor.userId } : {}),
        from: record.status,
        to,
      };
      const saved = await save({ ...changes?.(record), status: to } as Partial<R> & { status: State }, transition);
      ctx.events.publish({ name: transition.name, recordId: saved._id.toHexString(), at: transition.at });
      return saved;
    },
  } as Lifecycle<State, Event, Role, R, Facts>;
}

/**
 * Parses a transition's input, `{ <idField>: string, expectedVersion: int }`, the shape every
 * `xTransitionInput` in the SDL has; extra fields (a decline's reason) are the caller's to parse.
 */
export function parseTransitionInput(idField: string, input: Record<string, unknown>): { id: string; expectedVersion: number } {
  const parsed = parseInput(z.object({ [idField]: z.string(), expectedVersion: z.int() }), input) as Record<string, unknown>;
  return { id: parsed[idField] as string, expectedVersion: parsed.expectedVersion as number };
}
