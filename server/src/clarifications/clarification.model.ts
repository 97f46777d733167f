import { Schema, model, type Types } from 'mongoose';
import { recordsDomainEvents, type RecordsDomainEvents } from '../db/domain-events';

/** Whether the owning public body has answered a clarification question. */
export type ClarificationStatus = 'UNANSWERED' | 'ANSWERED';

/**
 * A start-up's question about a challenge and the owner's answer. The asker is stored so the
 * asking start-up can find its own questions; it is never exposed through the API.
 */
export interface ClarificationRecord extends Partial<RecordsDomainEvents> {
  _id: Types.ObjectId;
  challengeId: Types.ObjectId;
  askedByOrganisationId: Types.ObjectId;
  askedBy: Types.ObjectId;
  question: string;
  status: ClarificationStatus;
  answer?: string | null;
  answeredBy?: Types.ObjectId | null;
  answeredAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const clarificationSchema = new Schema<ClarificationRecord>(
  {
    challengeId: { type: Schema.Types.ObjectId, required: true },
    askedByOrganisationId: { type: Schema.Types.ObjectId, required: true },
    askedBy: { type: Schema.Types.ObjectId, required: true },
    question: { type: String, required: true },
    status: { type: String, required: true, enum: ['UNANSWERED', 'ANSWERED'] },
    answer: { type: String },
    answeredBy: { type: Schema.Types.ObjectId },
    answeredAt: { type: Date },
    // Questions asked before answers recorded events have none; the first event then makes it 1.
    version: { type: Number, default: 1 },
  },
  { timestamps: true },
);
// The answer records its domain event in the same write.
clarificationSchema.plugin(recordsDomainEvents);
// A challenge's questions in the order they were asked.
clarificationSchema.index({ challengeId: 1, _id: 1 });

export const ClarificationModel = model<ClarificationRecord>('Clarification', clarificationSchema);
