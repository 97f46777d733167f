import { mongo } from 'mongoose';
import type { StartupTallyRecord } from './challenge-rollup.model';

/*
 * The fairness view reads every cohort row's start-up tallies, about 20 per challenge: stored as
 * subdocuments, decoding them on both sides of the wire took most of its time, so each row keeps
 * them as one binary value of fixed-size entries instead.
 */
const ID_BYTES = 12;
const ENTRY_BYTES = ID_BYTES + 3 * 4;

export function packTallies(tallies: StartupTallyRecord[]): Buffer {
  const packed = Buffer.alloc(tallies.length * ENTRY_BYTES);
  tallies.forEach(({ organisationId, suggested, shortlisted, accepted }, index) => {
    const offset = index * ENTRY_BYTES;
    packed.set(organisationId.id, offset);
    packed.writeUInt32LE(suggested, offset + ID_BYTES);
    packed.writeUInt32LE(shortlisted, offset + ID_BYTES + 4);
    packed.writeUInt32LE(accepted, offset + ID_BYTES + 8);
  });
  return packed;
}

/** Each tally of a packed value (as a lean read gives it) to `visit`, the start-up by its hex id. */
export function forEachTally(packed: Buffer | mongo.Binary | null | undefined, visit: (organisationHex: string, tally: Omit<StartupTallyRecord, 'organisationId'>) => void): void {
  if (!packed) return;
  const bytes = packed instanceof mongo.Binary ? Buffer.from(packed.buffer.buffer, packed.buffer.byteOffset, packed.position) : packed;
  for (let offset = 0; offset + ENTRY_BYTES <= bytes.length; offset += ENTRY_BYTES) {
    visit(bytes.toString('hex', offset, offset + ID_BYTES), {
      suggested: bytes.readUInt32LE(offset + ID_BYTES),
      shortlisted: bytes.readUInt32LE(offset + ID_BYTES + 4),
      accepted: bytes.readUInt32LE(offset + ID_BYTES + 8),
    });
  }
}
