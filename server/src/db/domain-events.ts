import type { Schema } from 'mongoose';
import type { FollowedFields } from './record-follower';

/**
 * Domain events recorded with the write. There are no transactions here, so an event stored apart
 * from its change could be lost between the two; instead each event is pushed onto the record's
 * own bounded `history` in the same atomic (versioned) write as the change, with a marker that
 * the event dispatcher follows, exactly as the search-dirty marker announces changes to the
 * indexer. No second outbox: the record is the outbox.
 */

/** How many events a record keeps; consumers read them long before, so only a stalled dispatcher could miss one. */
export const HISTORY_LIMIT = 100;

/** An event as the service fires it. */
export interface NewDomainEvent {
  /** `<entity>.<EVENT>`, e.g. `challenge.PUBLISH`. */
  name: string;
  at: Date;
  /** The user who fired it; absent for the platform itself (the sweeper, seeds). */
  actorId?: string;
  from?: string;
  to?: string;
}

/** An event as stored on its record: `version` is the record version the change produced, so events are ordered and unique per record. */
export interface HistoryEntry extends NewDomainEvent {
  version: number;
}

/** The fields a record with recorded events carries. */
export interface RecordsDomainEvents {
  version: number;
  history: HistoryEntry[];
  /** True while the record has events the dispatcher has not handed to every consumer yet. */
  eventsPending: boolean;
  /** Per consumer, the highest event version it has been given. */
  eventsSeen: Map<string, number>;
  eventLeaseUntil?: Date | null;
  eventLeaseOwner?: string | null;
}

/** Where the dispatcher's marker lives; `version` is the record's own optimistic version, bumped by every versioned write. */
export const EVENT_FIELDS: FollowedFields = {
  pending: 'eventsPending',
  version: 'version',
  leaseUntil: 'eventLeaseUntil',
  leaseOwner: 'eventLeaseOwner',
};

/** Adds the history, the marker, the consumers' progress and the lease to a versioned model. */
export function recordsDomainEvents(schema: Schema): void {
  schema.add({
    history: {
      type: [
        {
          _id: false,
          name: { type: String, required: true },
          version: { type: Number, required: true },
          at: { type: Date, required: true },
          actorId: { type: String },
          from: { type: String },
          to: { type: String },
        },
      ],
      default: [],
    },
    eventsPending: { type: Boolean, default: false, index: true },
    eventsSeen: { type: Map, of: Number, default: () => new Map() },
    eventLeaseUntil: { type: Date },
    eventLeaseOwner: { type: String },
  });
}

/** Whether the model stores events (has the plugin), so a write can refuse to drop one silently. */
export function storesDomainEvents(schema: Schema): boolean {
  return schema.path('eventsPending') !== undefined;
}

/**
 * The update parts that record `event` as the change to `version`, merged into the change's own
 * write. A lifecycle's Transition is already a NewDomainEvent; only the history's fields are kept.
 */
export function eventUpdate({ name, at, actorId, from, to }: NewDomainEvent, version: number) {
  const entry: HistoryEntry = { name, at, version, ...(actorId ? { actorId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  return {
    $push: { history: { $each: [entry], $slice: -HISTORY_LIMIT } },
    $set: { eventsPending: true },
  };
}
