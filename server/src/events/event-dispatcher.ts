import type { Model, Types } from 'mongoose';
import type { Logger } from '../shared/logger';
import { rejectAfter } from '../shared/timeouts';
import { EVENT_FIELDS, EVENT_LANES, type EventLane, type HistoryEntry, type RecordsDomainEvents } from '../db/domain-events';
import { FollowerLoop } from '../db/follower-loop';
import { FOLLOWER_WRITE, RecordFollower, type Claim } from '../db/record-follower';

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

export interface DispatcherOptions {
  logger: Logger;
  owner?: string;
  leaseMs?: number;
  batchSize?: number;
  /** A consumer call that takes longer counts as failed; capped at a quarter of the lease, so a batch ends before its claim can lapse. */
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

  constructor(sources: EventSource[], consumers: EventConsumer[], options: DispatcherOptions) {
    this.owner = options.owner ?? `events-${Math.random().toString(36).slice(2, 10)}`;
    this.lanes = EVENT_LANES.map((lane) => ({ lane, consumers: consumers.filter((consumer) => (consumer.lane ?? 'prompt') === lane) }))
      .filter(({ consumers: laneConsumers }) => laneConsumers.length > 0)
      .map(({ lane, consumers: laneConsumers }) => new LaneDelivery(lane, sources, laneConsumers, { ...options, owner: this.owner }));
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

  constructor(
    lane: EventLane,
    sources: EventSource[],
    private readonly consumers: EventConsumer[],
    options: DispatcherOptions & { owner: string },
  ) {
    const leaseMs = options.leaseMs ?? 30_000;
    this.callTimeoutMs = Math.min(options.callTimeoutMs ?? 10_000, Math.floor(leaseMs / 4));
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
    for (const record of claim.records) {
      const recordFailures = await this.deliver(source, follower, claim, record);
      if (recordFailures.length === 0) continue;
      failures.push(...recordFailures);
      failed.add(record);
    }
    // A record a consumer failed on keeps its lease until it lapses, as a crashed worker's would: that is its backoff.
    await follower.finish({ token: claim.token, records: claim.records.filter((record) => !failed.has(record)) });
    return { processed: claim.records.length, failures };
  }

  /** Hands each consumer the record's events it has not had, in version order, recording how far each got; returns the failures. */
  private async deliver(source: EventSource, follower: RecordFollower<EventRecord>, claim: Claim<EventRecord>, record: EventRecord): Promise<unknown[]> {
    const recordId = record._id.toHexString();
    const history = [...(source.historyOf?.(record) ?? record.history ?? [])].sort((a, b) => a.version - b.version);
    const failures: unknown[] = [];
    for (const consumer of this.consumers) {
      const seen = seenBy(record, consumer.name);
      let handled: number | undefined;
      try {
        for (const entry of history.filter((candidate) => candidate.version > seen)) {
          const event: RecordedEvent = { ...entry, id: `${source.entity}:${recordId}@${entry.version}`, entity: source.entity, recordId };
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
