import mongoose, { Schema } from 'mongoose';
import type { EventConsumer, RecordedEvent } from '../../server/src/events/event-dispatcher';
import { isDuplicateKey } from '../../server/src/db/duplicate-key';
import { mulberry32 } from '../../bench/lib/random';

/** What a recording consumer applied: one row per event id, as a real consumer's inbox would hold. */
interface AppliedEvent {
  consumer: string;
  eventId: string;
  name: string;
  recordId: string;
  version: number;
}

const appliedSchema = new Schema<AppliedEvent>({
  consumer: { type: String, required: true },
  eventId: { type: String, required: true },
  name: { type: String, required: true },
  recordId: { type: String, required: true },
  version: { type: Number, required: true },
});
// Applying an event is keyed by its id, as the dispatcher's contract asks of every consumer.
appliedSchema.index({ consumer: 1, eventId: 1 }, { unique: true });
const AppliedEventModel = (mongoose.models.TestAppliedEvent as mongoose.Model<AppliedEvent> | undefined) ?? mongoose.model<AppliedEvent>('TestAppliedEvent', appliedSchema);

/**
 * A consumer that applies each event once into a collection, and counts every delivery, so a test
 * can tell an event applied twice (impossible by the unique key) from one handed over twice.
 */
export class RecordingConsumer implements EventConsumer {
  deliveries = 0;
  redeliveries = 0;

  constructor(readonly name: string) {}

  async handle(event: RecordedEvent): Promise<void> {
    this.deliveries += 1;
    try {
      await AppliedEventModel.create({ consumer: this.name, eventId: event.id, name: event.name, recordId: event.recordId, version: event.version });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      this.redeliveries += 1;
    }
  }

  /** Every event applied, per record id, in the order the record's versions give. */
  async applied(): Promise<Map<string, string[]>> {
    const rows = await AppliedEventModel.find({ consumer: this.name }).sort({ recordId: 1, version: 1 }).lean<AppliedEvent[]>();
    const byRecord = new Map<string, string[]>();
    for (const row of rows) byRecord.set(row.recordId, [...(byRecord.get(row.recordId) ?? []), row.name]);
    return byRecord;
  }

  async appliedCount(): Promise<number> {
    return AppliedEventModel.countDocuments({ consumer: this.name });
  }
}

/** How often each fault strikes a delivery, 0..1. */
export interface ConsumerFaults {
  /** Throws before applying. */
  failBefore: number;
  /** Applies, then throws, as when the acknowledgement is lost. */
  failAfter: number;
  /** Never answers and applies nothing, as a worker that died mid-batch. */
  hang: number;
}

export const NO_CONSUMER_FAULTS: ConsumerFaults = { failBefore: 0, failAfter: 0, hang: 0 };

/** Wraps a consumer and injects faults with a seeded generator, counting the calls that hung. */
export class FaultyConsumer implements EventConsumer {
  faults: ConsumerFaults = NO_CONSUMER_FAULTS;
  hungCalls = 0;
  private readonly random: () => number;
  private hangWaiters: (() => void)[] = [];

  constructor(
    private readonly inner: EventConsumer,
    seed = 11,
  ) {
    this.random = mulberry32(seed);
  }

  get name(): string {
    return this.inner.name;
  }

  /** Resolves once a delivery has hung. */
  nextHang(): Promise<void> {
    return new Promise((resolve) => this.hangWaiters.push(resolve));
  }

  async handle(event: RecordedEvent): Promise<void> {
    const roll = this.random();
    const { failBefore, failAfter, hang } = this.faults;
    if (roll < hang) {
      this.hungCalls += 1;
      for (const wake of this.hangWaiters.splice(0)) wake();
      return new Promise<void>(() => undefined);
    }
    if (roll < hang + failBefore) throw new Error(`${event.id} refused (injected)`);
    await this.inner.handle(event);
    if (roll < hang + failBefore + failAfter) throw new Error(`${event.id} acknowledgement lost (injected)`);
  }
}
