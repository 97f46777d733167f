import { Schema, model, type Types } from 'mongoose';
import { sdlEnumValues } from '../contract/sdl';
import type { PlatformRole } from '../contract/generated/resolvers-types';

/** One staff action, written before it runs and completed with its outcome once it has. */
export interface AuditEventRecord {
  _id: Types.ObjectId;
  at: Date;
  actorId: Types.ObjectId;
  actorEmail: string;
  actorRoles: PlatformRole[];
  operation: string;
  arguments: string;
  outcome: string;
  requestId?: string;
}

const auditEventSchema = new Schema<AuditEventRecord>({
  at: { type: Date, required: true },
  actorId: { type: Schema.Types.ObjectId, required: true },
  actorEmail: { type: String, required: true },
  actorRoles: { type: [String], enum: sdlEnumValues('PlatformRole'), default: [] },
  operation: { type: String, required: true },
  arguments: { type: String, required: true },
  outcome: { type: String, required: true },
  requestId: { type: String },
});
auditEventSchema.index({ actorId: 1, _id: -1 });
auditEventSchema.index({ operation: 1, _id: -1 });

export const AuditEventModel = model<AuditEventRecord>('AuditEvent', auditEventSchema);
