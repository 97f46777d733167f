import type { HydratedDocument, Model, Query, Schema } from 'mongoose';
import { FOLLOWER_WRITE, isFollowerWrite, type FollowedFields } from './record-follower';
import { trusted } from './trusted';

/**
 * Domain events recorded with the write. There are no transactions here, so an event stored apart
 * from its change could be lost between the two; instead each event is pushed onto the record's
 * own bounded `history` in the same atomic (versioned) write as the change, with a marker that
 * the event dispatcher's lanes follow, exactly as the search-dirty marker announces changes to the
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
  /** The part of the record the event concerns, when it is not the whole record: a milestone's id, a KPI's name. */
  subject?: string;
}

/** An event as stored on its record: `version` is the record version the change produced, so events are ordered and unique per record. */
export interface HistoryEntry extends NewDomainEvent {
  version: number;
}

/**
 * Consumers follow the events in lanes, each with its own marker and lease on the record, so a
 * slow lane never delays another: `prompt` for reactions people wait for (notifications),
 * `background` for recomputations that may take minutes over a backlog (the matcher's runs).
 */
export const EVENT_LANES = ['prompt', 'background'] as const;
export type EventLane = (typeof EVENT_LANES)[number];

/** The fields a record with recorded events carries. */
export interface RecordsDomainEvents {
  version: number;
  history: HistoryEntry[];
  /** True while the record has events the prompt lane has not handed to each of its consumers yet. */
  eventsPending: boolean;
  /** The same for the background lane. */
  backgroundEventsPending: boolean;
  /** Per consumer, the highest event version it has been given. */
  eventsSeen: Map<string, number>;
  eventLeaseUntil?: Date | null;
  eventLeaseOwner?: string | null;
  backgroundEventLeaseUntil?: Date | null;
  backgroundEventLeaseOwner?: string | null;
}

/**
 * Where each lane's marker lives; `version` is the record's own optimistic version, bumped by every
 * versioned write. The prompt lane keeps the fields of the single lane there was before, so records
 * marked then still reach its consumers.
 */
export const EVENT_FIELDS: Record<EventLane, FollowedFields> = {
  prompt: { pending: 'eventsPending', version: 'version', leaseUntil: 'eventLeaseUntil', leaseOwner: 'eventLeaseOwner', changedAt: 'updatedAt' },
  background: {
    pending: 'backgroundEventsPending',
    version: 'version',
    leaseUntil: 'backgroundEventLeaseUntil',
    leaseOwner: 'backgroundEventLeaseOwner',
    changedAt: 'updatedAt',
  },
};

/** The write part that marks a record for every lane, in the same write as the events it announces. */
const MARKED_FOR_EVERY_LANE = Object.fromEntries(EVENT_LANES.map((lane) => [EVENT_FIELDS[lane].pending, true])) as Pick<
  RecordsDomainEvents,
  'eventsPending' | 'backgroundEventsPending'
>;

/**
 * Records marked before there were lanes carry only the single lane's marker, which the prompt lane
 * took over, so the background lane would never see their events: gives them its marker too.
 * Must run before a dispatcher's first delivery, while no lane can have cleared an old marker yet.
 * A record that has the background marker at all, set or cleared, was written since and is left
 * alone; the consumers' progress (`eventsSeen`) keeps what they already had from coming again.
 */
export async function markLegacyRecordsForEveryLane<R extends RecordsDomainEvents>(model: Model<R>): Promise<number> {
  const { modifiedCount } = await model.updateMany(
    { [EVENT_FIELDS.prompt.pending]: true, [EVENT_FIELDS.background.pending]: trusted({ $exists: false }) } as never,
    { $set: MARKED_FOR_EVERY_LANE } as never,
    FOLLOWER_WRITE,
  );
  return modifiedCount;
}

const HISTORY_FIELD = {
  type: [
    {
      _id: false,
      name: { type: String, required: true },
      version: { type: Number, required: true },
      at: { type: Date, required: true },
      actorId: { type: String },
      from: { type: String },
      to: { type: String },
      subject: { type: String },
    },
  ],
  default: [],
};

const MARKER_FIELDS = {
  ...Object.fromEntries(
    EVENT_LANES.flatMap((lane) => [
      [EVENT_FIELDS[lane].pending, { type: Boolean, default: false, index: true }],
      [EVENT_FIELDS[lane].leaseUntil, { type: Date }],
      [EVENT_FIELDS[lane].leaseOwner, { type: String }],
    ]),
  ),
  eventsSeen: { type: Map, of: Number, default: () => new Map() },
};

/** Adds the history, the marker, the consumers' progress and the lease to a versioned model. */
export function recordsDomainEvents(schema: Schema): void {
  schema.add({ history: HISTORY_FIELD, ...MARKER_FIELDS });
}

type Update = Record<string, unknown>;

function pushesHistory(update: Update | null | undefined): boolean {
  return Boolean((update?.$push as Update | undefined)?.history);
}

function markHistoryPush(this: Query<unknown, unknown>): void {
  if (isFollowerWrite(this.getOptions())) return;
  const update = this.getUpdate() as Update | null;
  if (!pushesHistory(update)) return;
  this.setUpdate({ ...update, $set: { ...(update!.$set as Update | undefined), ...MARKED_FOR_EVERY_LANE } });
}

/**
 * For a model that already keeps its own append-only transition log under `history` (matches,
 * whose log is also the matcher's learning data): adds the dispatcher's marker, set by every
 * write that pushes onto the log and by a create that starts one, in the same atomic write. Its
 * event source translates the log's entries into events (`EventSource.historyOf`).
 */
export function recordsEventsInOwnHistory(schema: Schema): void {
  schema.add(MARKER_FIELDS);
  schema.pre(['findOneAndUpdate', 'updateOne', 'updateMany'], markHistoryPush);
  schema.pre('save', function markCreated(this: HydratedDocument<{ history: unknown[] }>) {
    if (this.isNew && this.history.length > 0) this.set({ ...MARKED_FOR_EVERY_LANE });
  });
}

/** Whether the model stores events (has the plugin), so a write can refuse to drop one silently. */
export function storesDomainEvents(schema: Schema): boolean {
  return schema.path('eventsPending') !== undefined;
}

function historyEntry({ name, at, actorId, from, to, subject }: NewDomainEvent, version: number): HistoryEntry {
  return { name, at, version, ...(actorId ? { actorId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(subject ? { subject } : {}) };
}

/**
 * The update parts that record `event` as the change to `version`, merged into the change's own
 * write. A lifecycle's Transition is already a NewDomainEvent; only the history's fields are kept.
 */
export function eventUpdate(event: NewDomainEvent, version: number) {
  return {
    $push: { history: { $each: [historyEntry(event, version)], $slice: -HISTORY_LIMIT } },
    $set: { ...MARKED_FOR_EVERY_LANE },
  };
}

/** The fields a record created by `event` starts with: version 1, a history opening with the event, and the markers. */
export function createdWithEvent(event: NewDomainEvent): Pick<RecordsDomainEvents, 'version' | 'history' | 'eventsPending' | 'backgroundEventsPending'> {
  return { version: 1, history: [historyEntry(event, 1)], ...MARKED_FOR_EVERY_LANE };
}
