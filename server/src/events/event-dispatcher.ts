import type { Model, Types } from 'mongoose';
import type { Logger } from '../shared/logger';
import { rejectAfter } from '../shared/timeouts';
import { EVENT_FIELDS, EVENT_LANES, markLegacyRecordsForEveryLane, type EventLane, type HistoryEntry, type RecordsDomainEvents } from '../db/domain-events';
import { FollowerLoop } from '../db/follower-loop';
import { FOLLOWER_BULK_WRITE, FOLLOWER_WRITE, RecordFollower, type Claim } from '../db/record-follower';

/** A recorded event as consumers get it. `id` is stable across redeliveries: apply each id once. */
export interface RecordedEvent extends HistoryEntry {
  id: string;
  entity: string;
  recordId: string;
}

/**
 * Something that reacts to domain events (notifications, reporting, the matcher's re-suggest).
 * Delivery is at least once, in version order per record: after a crash a consumer may be handed
 * an event again, so it applies each `id` once (e.g. a unique index on it).
 */
export interface EventConsumer {
  /** Stable: the consumer's progress on each record is stored under it. */
  name: string;
  /** `background` for work slow enough to keep others waiting (a matcher run per event); by default `prompt`. */
  lane?: EventLane;
  /**
   * False for reactions that only make sense as things happen, such as telling people: events an
   * import records as history (the demo seed) are marked delivered to them (markHistoryDelivered).
   */
  actsOnHistory?: boolean;
  handle(event: RecordedEvent): Promise<void>;
}

/** A model whose records carry recorded events, and the entity name its events go by. */
export interface EventSource {
  entity: string;
  model: Model<EventRecord>;
  /** For a model that keeps its own transition log (recordsEventsInOwnHistory): that log as events. By default, `history` as stored. */
  historyOf?: (record: EventRecord) => HistoryEntry[];
}

type EventRecord = RecordsDomainEvents & { _id: Types.ObjectId };

const laneOf = (consumer: EventConsumer): EventLane => consumer.lane ?? 'prompt';

/** A record's events in version order. */
function eventsOf(source: EventSource, record: EventRecord): HistoryEntry[] {
  return [...(source.historyOf?.(record) ?? record.history ?? [])].sort((a, b) => a.version - b.version);
}

/** How many records one bulk write of markHistoryDelivered carries. */
const HISTORY_MARK_BATCH = 500;

/**
 * Marks every event recorded so far as delivered to the consumers that do not act on history, and
 * clears the marker of each lane none of whose consumers does: for after an import (the demo
 * seed), whose events are history, so a fresh server's prompt lane has no backlog to work through
 * before a fresh event. A record written meanwhile keeps its marker, and its events reach every
 * consumer as usual.
 */
export async function markHistoryDelivered(sources: EventSource[], consumers: EventConsumer[]): Promise<void> {
  const liveOnly = consumers.filter((consumer) => consumer.actsOnHistory === false);
  if (liveOnly.length === 0) return;
  const settledLanes = EVENT_LANES.filter((lane) => consumers.every((consumer) => laneOf(consumer) !== lane || consumer.actsOnHistory === false));
  const settled = Object.fromEntries(settledLanes.map((lane) => [EVENT_FIELDS[lane].pending, false]));
  for (const source of sources) {
    let writes: unknown[] = [];
    const flush = async () => {
      if (writes.length > 0) await source.model.bulkWrite(writes as never, { ordered: false, ...FOLLOWER_BULK_WRITE });
      writes = [];
    };
    for await (const record of source.model.find({}).select({ history: 1, version: 1 }).lean<EventRecord>().cursor()) {
      const latest = eventsOf(source, record).at(-1)?.version;
      if (latest === undefined) continue;
      writes.push({
        updateOne: {
          filter: { _id: record._id, version: record.version },
          update: { $max: Object.fromEntries(liveOnly.map((consumer) => [`eventsSeen.${consumer.name}`, latest])), ...(settledLanes.length > 0 ? { $set: settled } : {}) },
        },
      });
      if (writes.length >= HISTORY_MARK_BATCH) await flush();
    }
    await flush();
  }
}

export interface DispatcherOptions {
  logger: Logger;
  owner?: string;
  leaseMs?: number;
  batchSize?: number;
  /** A consumer call that takes longer counts as failed; capped at a quarter of the lease, so renewing the lease between calls keeps a batch's claim from lapsing. */
  callTimeoutMs?: number;
  idleDelayMs?: number;
}

/**
 * Hands every recorded event to every consumer. Each lane follows its own marker on the records
 * with the same claim/lease/marker follower as the search indexer, in its own loop, so the prompt
 * consumers never wait behind the background ones (a fresh server's backlog of matcher runs).
 * Per consumer it keeps, on the record, the highest version handed over, so a consumer that
 * failed is retried alone and the others in its lane are not given the same events again.
 */
export class EventDispatcher {
  readonly owner: string;
  private readonly lanes: LaneDelivery[];
  private legacyMarked: Promise<void> | undefined;

  constructor(
    private readonly sources: EventSource[],
    consumers: EventConsumer[],
    options: DispatcherOptions,
  ) {
    this.owner = options.owner ?? `events-${Math.random().toString(36).slice(2, 10)}`;
    this.lanes = EVENT_LANES.map((lane) => ({ lane, consumers: consumers.filter((consumer) => laneOf(consumer) === lane) }))
      .filter(({ consumers: laneConsumers }) => laneConsumers.length > 0)
      .map(
        ({ lane, consumers: laneConsumers }) =>
          new LaneDelivery(lane, sources, laneConsumers, { ...options, owner: this.owner, beforeDelivery: () => this.markLegacyRecords() }),
      );
  }

  /**
   * Once per dispatcher, before any lane delivers (and so before any could clear an old marker):
   * records marked before there were lanes get every lane's marker. Retried by the next pass if it fails.
   */
  private markLegacyRecords(): Promise<void> {
    this.legacyMarked ??= Promise.all(this.sources.map((source) => markLegacyRecordsForEveryLane<EventRecord>(source.model))).then(
      () => undefined,
      (error: unknown) => {
        this.legacyMarked = undefined;
        throw error;
      },
    );
    return this.legacyMarked;
  }

  /**
   * Delivers one batch of each source in every lane; returns how many records it took. A consumer
   * that fails holds up neither the other consumers nor the other records, sources and lanes: the
   * pass goes on, and fails at the end, so the loop backs off and a drain reports it.
   */
  async pass(): Promise<number> {
    const outcomes = await Promise.allSettled(this.lanes.map((lane) => lane.pass()));
    const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    if (failures.length > 0) throw failures.length === 1 ? failures[0] : new AggregateError(failures, `event delivery failed in ${failures.length} lanes, first: ${messageOf(failures[0])}`);
    return outcomes.reduce((sum, outcome) => sum + (outcome.status === 'fulfilled' ? outcome.value : 0), 0);
  }

  /** Passes every lane until none has pending records. */
  async drain(deadlineMs?: number): Promise<void> {
    const outcomes = await Promise.allSettled(this.lanes.map((lane) => lane.loop.drain(deadlineMs)));
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
  }

  start(): void {
    for (const lane of this.lanes) lane.loop.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.loop.stop()));
  }

  /** Records still marked for any lane this dispatcher runs. */
  async pendingCount(): Promise<number> {
    let pending = 0;
    for (const lane of this.lanes) pending += await lane.pendingCount();
    return pending;
  }
}

/** One lane: its consumers, a follower of its marker per source, and the loop that runs them. */
class LaneDelivery {
  readonly loop: FollowerLoop;
  private readonly followers: { source: EventSource; follower: RecordFollower<EventRecord> }[];
  private readonly callTimeoutMs: number;
  private readonly beforeDelivery: () => Promise<void>;

  constructor(
    lane: EventLane,
    sources: EventSource[],
    private readonly consumers: EventConsumer[],
    options: DispatcherOptions & { owner: string; beforeDelivery: () => Promise<void> },
  ) {
    const leaseMs = options.leaseMs ?? 30_000;
    this.callTimeoutMs = Math.min(options.callTimeoutMs ?? 10_000, Math.floor(leaseMs / 4));
    this.beforeDelivery = options.beforeDelivery;
    this.followers = sources.map((source) => ({
      source,
      follower: new RecordFollower<EventRecord>(source.model, EVENT_FIELDS[lane], { owner: `${options.owner}/${lane}`, leaseMs, batchSize: options.batchSize }),
    }));
    this.loop = new FollowerLoop({
      name: `domain event delivery (${lane})`,
      logger: options.logger,
      pass: () => this.pass(),
      pendingCount: () => this.pendingCount(),
      idleDelayMs: options.idleDelayMs,
      leaseWaitMs: Math.min(leaseMs, 100),
    });
  }

  /** One batch of each source, every record to every consumer of the lane; fails at the end if any delivery failed. */
  async pass(): Promise<number> {
    await this.beforeDelivery();
    let processed = 0;
    const failures: unknown[] = [];
    for (const { source, follower } of this.followers) {
      const batch = await this.processBatch(source, follower);
      processed += batch.processed;
      failures.push(...batch.failures);
    }
    if (failures.length > 0) throw new AggregateError(failures, `${failures.length} event deliveries failed, first: ${messageOf(failures[0])}`);
    return processed;
  }

  async pendingCount(): Promise<number> {
    let pending = 0;
    for (const { follower } of this.followers) pending += await follower.pendingCount();
    return pending;
  }

  private async processBatch(source: EventSource, follower: RecordFollower<EventRecord>): Promise<{ processed: number; failures: unknown[] }> {
    const claim = await follower.claim();
    const failures: unknown[] = [];
    const failed = new Set<EventRecord>();
    const keepLease = this.leaseKeeper(follower, claim, failed);
    for (const record of claim.records) {
      const recordFailures = await this.deliver(source, follower, claim, record, keepLease);
      if (recordFailures.length === 0) continue;
      failures.push(...recordFailures);
      failed.add(record);
    }
    // A record a consumer failed on keeps its lease until it lapses, as a crashed worker's would: that is its backoff.
    await follower.finish({ token: claim.token, records: claim.records.filter((record) => !failed.has(record)) });
    return { processed: claim.records.length, failures };
  }

  /**
   * Renews the claim's lease whenever a quarter of it has passed, called before each consumer call:
   * a call is cut off after a quarter of the lease, so a batch that outlasts one lease (a hundred
   * matcher runs) is never taken over by another worker while this one is still on it. Records a
   * consumer failed on are left to lapse, which is their backoff.
   */
  private leaseKeeper(follower: RecordFollower<EventRecord>, claim: Claim<EventRecord>, failed: Set<EventRecord>): () => Promise<void> {
    const renewEveryMs = follower.leaseMs / 4;
    let renewedAt = Date.now();
    return async () => {
      if (Date.now() - renewedAt < renewEveryMs) return;
      renewedAt = Date.now();
      await follower.renew(claim, claim.records.filter((record) => !failed.has(record)));
    };
  }

  /** Hands each consumer the record's events it has not had, in version order, recording how far each got; returns the failures. */
  private async deliver(
    source: EventSource,
    follower: RecordFollower<EventRecord>,
    claim: Claim<EventRecord>,
    record: EventRecord,
    keepLease: () => Promise<void>,
  ): Promise<unknown[]> {
    const recordId = record._id.toHexString();
    const history = eventsOf(source, record);
    const failures: unknown[] = [];
    for (const consumer of this.consumers) {
      const seen = seenBy(record, consumer.name);
      let handled: number | undefined;
      try {
        for (const entry of history.filter((candidate) => candidate.version > seen)) {
          const event: RecordedEvent = { ...entry, id: `${source.entity}:${recordId}@${entry.version}`, entity: source.entity, recordId };
          await keepLease();
          await rejectAfter(consumer.handle(event), this.callTimeoutMs, () => new Error(`${consumer.name} did not handle ${event.id} within ${this.callTimeoutMs} ms`));
          handled = entry.version;
        }
      } catch (error) {
        // This consumer stops here on this record, to keep its events in order; the others go on.
        failures.push(error);
      }
      if (handled === undefined) continue;
      // Only while the claim is ours: a worker whose lease lapsed must not speak for its successor.
      await source.model.updateOne(
        { _id: record._id, ...follower.holds(claim) } as never,
        { $max: { [`eventsSeen.${consumer.name}`]: handled } } as never,
        FOLLOWER_WRITE,
      );
    }
    return failures;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function seenBy(record: EventRecord, consumer: string): number {
  const seen = record.eventsSeen as unknown;
  // Lean reads give the Map as a plain object.
  const value = seen instanceof Map ? seen.get(consumer) : (seen as Record<string, number> | undefined)?.[consumer];
  return typeof value === 'number' ? value : 0;
}
