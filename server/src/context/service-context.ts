import { systemActor, type Actor } from '../shared/actor';
import type { EventSink } from '../shared/domain-event';
import type { Logger } from '../shared/logger';
import type { Mailer } from '../mail/mailer';
import type { SearchEngine } from '../search/search-engine';
import type { Embedder } from '../search/embedder';

/** The search engine once it may answer; `assertReady` throws SEARCH_UNAVAILABLE while it is still being built. */
export interface SearchAccess {
  assertReady(): SearchEngine;
  /** Embeds queries for semantic search; absent when the model is not available. */
  readonly embedder?: Embedder | undefined;
}

/**
 * Everything a service call needs besides its input: who acts, the one clock every rule reads,
 * and the collaborators. Services take it first, so GraphQL, seeds and background jobs call
 * them the same way and no service reaches for `new Date()` or a global.
 */
export interface ServiceContext {
  readonly actor: Actor;
  /** The moment the request or job runs at; deadlines, expiries and audit times all read this. */
  readonly now: Date;
  readonly mailer: Mailer;
  /** Where links in emails point (invitations). */
  readonly publicUrl: string;
  /** Absent when the app runs without search (some tests); search then answers SEARCH_UNAVAILABLE. */
  readonly search?: SearchAccess;
  readonly events: EventSink;
  readonly logger: Logger;
}

/** The long-lived part of a context; a request or job adds the actor and the time. */
export type ServiceCollaborators = Omit<ServiceContext, 'actor' | 'now'>;

/** A context for `actor` at the clock's current time. */
export function serviceContext(collaborators: ServiceCollaborators, actor: Actor, now: Date = new Date()): ServiceContext {
  return { ...collaborators, actor, now };
}

/** The same request or job, acting as someone else (the account just registered, a seeded owner). */
export function actingAs(ctx: ServiceContext, actor: Actor): ServiceContext {
  return { ...ctx, actor };
}

/** A context for the platform itself: seeds, the deadline sweeper, matcher runs, notification delivery. */
export function systemContext(collaborators: ServiceCollaborators, now: Date = new Date()): ServiceContext {
  return serviceContext(collaborators, systemActor, now);
}

export type { DomainEvent, EventSink } from '../shared/domain-event';

/** Logs each domain event; stands in until events are recorded with their write. */
export function loggingEventSink(logger: Logger): EventSink {
  return { publish: (event) => logger.debug({ event }, `domain event ${event.name}`) };
}
