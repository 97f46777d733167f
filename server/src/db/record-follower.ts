import crypto from 'node:crypto';
import type { Model, MongooseBulkWriteOptions, MongooseUpdateQueryOptions, Types } from 'mongoose';
import { trusted } from './trusted';

/**
 * Options of a follower's own bookkeeping writes (claims, leases, clearing its marker). Plugins
 * that mark a record on every write leave these alone, and they do not touch updatedAt.
 */
// mongoose keeps unknown query options, which is how the plugins recognise these writes.
export const FOLLOWER_WRITE = { followerWrite: true, timestamps: false } as MongooseUpdateQueryOptions;

/** FOLLOWER_WRITE for bulkWrite. */
export const FOLLOWER_BULK_WRITE = { followerWrite: true, timestamps: false } as MongooseBulkWriteOptions;

export function isFollowerWrite(options: unknown): boolean {
  return Boolean((options as { followerWrite?: boolean } | undefined)?.followerWrite);
}

/**
 * The fields one consumer's marker lives in, on every record it follows. The marker is set in the
 * same atomic write as the change it announces, so there is nothing to lose between the two.
 */
export interface FollowedFields {
  /** True while the record has changes this consumer has not taken yet. */
  pending: string;
  /** Bumped by every change the consumer must see: a record is finished only if it is unchanged since it was read. */
  version: string;
  /** While in the future, the claim named in `leaseOwner` owns the record's pending work. */
  leaseUntil: string;
  leaseOwner: string;
  /**
   * When the record last changed; if given, claims take the most recently changed records first, so
   * a fresh change is not queued behind a backlog (a fresh server's seeded records). A record's own
   * changes stay in order, since it is claimed whole; an old record waits only while more than a
   * batch of newer ones keep arriving.
   */
  changedAt?: string;
}

export interface FollowerOptions {
  /** Names this worker in the leases it holds. */
  owner?: string;
  batchSize?: number;
  /** How long a claim keeps other workers off a record; a dead worker's claims lapse after it. */
  leaseMs?: number;
}

/** A batch this worker won: the claim token and the records, read after the claim landed. */
export interface Claim<R> {
  token: string;
  records: R[];
}

/**
 * Follows the records of one model that carry one consumer's marker: claims a batch under a lease
 * (several workers never take the same record at once), hands it to the consumer, and clears the
 * marker only on records that did not change meanwhile, so a write landing mid-batch is taken by
 * the next one. A worker that dies loses nothing: its leases lapse and another takes the records.
 * The search indexer and the domain-event dispatcher both run on it.
 */
export class RecordFollower<R extends { _id: Types.ObjectId }> {
  readonly owner: string;
  readonly leaseMs: number;
  private readonly batchSize: number;
  private claims = 0;

  constructor(
    readonly model: Model<R>,
    private readonly fields: FollowedFields,
    options: FollowerOptions = {},
  ) {
    this.owner = options.owner ?? `follower-${crypto.randomUUID().slice(0, 8)}`;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.batchSize = options.batchSize ?? 100;
  }

  /**
   * Takes a lease on up to one batch of marked records whose lease is free or lapsed. The
   * conditional updateMany is atomic per record, so of several workers racing for a record
   * exactly one claim token lands on it; reading the token back tells each worker what it won.
   */
  async claim(): Promise<Claim<R>> {
    this.claims += 1;
    const token = `${this.owner}#${this.claims}`;
    const { pending, leaseUntil, leaseOwner, changedAt } = this.fields;
    const now = new Date();
    const free = { $or: [{ [leaseUntil]: null }, { [leaseUntil]: trusted({ $lt: now }) }] };
    const candidates = await this.model
      .find({ [pending]: true, ...free } as never)
      .sort(changedAt ? { [changedAt]: -1, _id: -1 } : {})
      .select({ _id: 1 })
      .limit(this.batchSize)
      .lean<{ _id: Types.ObjectId }[]>();
    if (candidates.length === 0) return { token, records: [] };
    const candidateIds = candidates.map((candidate) => candidate._id);
    await this.model.updateMany(
      { _id: trusted({ $in: candidateIds }), [pending]: true, ...free } as never,
      { $set: { [leaseOwner]: token, [leaseUntil]: new Date(now.getTime() + this.leaseMs) } } as never,
      FOLLOWER_WRITE,
    );
    const records = await this.model.find({ _id: trusted({ $in: candidateIds }), [leaseOwner]: token } as never).lean<R[]>();
    // Handed over in the order they were picked, so the freshest also goes first within the batch.
    const position = new Map(candidateIds.map((id, index) => [id.toHexString(), index]));
    records.sort((a, b) => position.get(a._id.toHexString())! - position.get(b._id.toHexString())!);
    return { token, records };
  }

  /**
   * Clears the marker of every record still as it was read and still under this claim, then
   * releases the rest: records written again meanwhile stay marked, for the next pass.
   */
  async finish(claim: Claim<R>): Promise<void> {
    if (claim.records.length === 0) return;
    const { pending, version, leaseUntil, leaseOwner } = this.fields;
    await this.model.bulkWrite(
      claim.records.map((record) => ({
        updateOne: {
          filter: { _id: record._id, [version]: (record as Record<string, unknown>)[version], [leaseOwner]: claim.token },
          update: { $set: { [pending]: false }, $unset: { [leaseUntil]: 1, [leaseOwner]: 1 } },
        },
      })) as never,
      { ordered: false, ...FOLLOWER_BULK_WRITE },
    );
    await this.release(claim);
  }

  /** Extends the claim's lease on `records` (those still under it) by a whole lease from now, for a batch that takes longer than one. */
  async renew(claim: Claim<R>, records: R[] = claim.records): Promise<void> {
    if (records.length === 0) return;
    const { leaseUntil, leaseOwner } = this.fields;
    await this.model.updateMany(
      { _id: trusted({ $in: records.map((record) => record._id) }), [leaseOwner]: claim.token } as never,
      { $set: { [leaseUntil]: new Date(Date.now() + this.leaseMs) } } as never,
      FOLLOWER_WRITE,
    );
  }

  /** Gives up the claim's leases early, e.g. after a failure, so another pass need not wait them out. */
  async release(claim: Claim<R>): Promise<void> {
    if (claim.records.length === 0) return;
    const { leaseUntil, leaseOwner } = this.fields;
    await this.model.updateMany(
      { _id: trusted({ $in: claim.records.map((record) => record._id) }), [leaseOwner]: claim.token } as never,
      { $unset: { [leaseUntil]: 1, [leaseOwner]: 1 } } as never,
      FOLLOWER_WRITE,
    );
  }

  /** Whether this worker still holds the record, e.g. before it records progress on it. */
  holds(claim: Claim<R>): Record<string, unknown> {
    return { [this.fields.leaseOwner]: claim.token };
  }

  /** Records still marked for this consumer. */
  pendingCount(): Promise<number> {
    return this.model.countDocuments({ [this.fields.pending]: true } as never);
  }
}
