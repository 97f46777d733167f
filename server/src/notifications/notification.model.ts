import { Schema, model, type Types } from 'mongoose';
import { sdlEnumValues } from '../contract/sdl';
import type { NotificationDelivery, NotificationKind, NotificationSubjectKind } from '../contract/generated/resolvers-types';

/**
 * Where a notification's email stands. NONE: in-app only. IMMEDIATE and DIGEST wait to be sent
 * (at once, or in the next daily digest); SENT once the mailer took it. A sender claims the ones it
 * sends under a lease (`mailClaim*`), so two workers never send the same one, and a worker that dies
 * mid-send leaves them to be claimed again once the lease lapses.
 */
export type NotificationMailState = 'NONE' | 'IMMEDIATE' | 'DIGEST' | 'SENT';

export interface NotificationSubjectRecord {
  kind: NotificationSubjectKind;
  id: Types.ObjectId;
  challengeId: Types.ObjectId;
}

/** One user's notification of one domain event. */
export interface NotificationRecord {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  kind: NotificationKind;
  title: string;
  body: string;
  subject: NotificationSubjectRecord;
  /** The domain event's id (`pilot:<id>@<version>`), stable across redeliveries. */
  eventId: string;
  /** `<eventId>|<userId>`: unique, so a redelivered event notifies nobody twice. */
  deliveryKey: string;
  occurredAt: Date;
  readAt?: Date | null;
  mail: NotificationMailState;
  mailClaimOwner?: string | null;
  mailClaimUntil?: Date | null;
  mailedAt?: Date | null;
  createdAt: Date;
}

const notificationSchema = new Schema<NotificationRecord>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true, enum: sdlEnumValues('NotificationKind') },
    title: { type: String, required: true },
    body: { type: String, required: true },
    subject: {
      _id: false,
      kind: { type: String, required: true, enum: sdlEnumValues('NotificationSubjectKind') },
      id: { type: Schema.Types.ObjectId, required: true },
      challengeId: { type: Schema.Types.ObjectId, required: true },
    },
    eventId: { type: String, required: true },
    deliveryKey: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
    mail: { type: String, required: true, enum: ['NONE', 'IMMEDIATE', 'DIGEST', 'SENT'] },
    mailClaimOwner: { type: String },
    mailClaimUntil: { type: Date },
    mailedAt: { type: Date },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
// Exactly once per (event, recipient): the invariant every redelivery and racing worker runs into.
notificationSchema.index({ deliveryKey: 1 }, { unique: true });
// A user's list, newest first, and their unread ones (the badge).
notificationSchema.index({ userId: 1, _id: -1 });
notificationSchema.index({ userId: 1, readAt: 1 });
// Email waiting to be sent, per delivery.
notificationSchema.index({ mail: 1, occurredAt: 1 });

export const NotificationModel = model<NotificationRecord>('Notification', notificationSchema, 'notifications');

/** A user's delivery choices; kinds not listed are IMMEDIATE. */
export interface NotificationPreferencesRecord {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  deliveries: Map<NotificationKind, NotificationDelivery>;
  updatedAt: Date;
}

const preferencesSchema = new Schema<NotificationPreferencesRecord>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    deliveries: { type: Map, of: { type: String, enum: sdlEnumValues('NotificationDelivery') }, default: () => new Map() },
  },
  { timestamps: { createdAt: false, updatedAt: true } },
);
preferencesSchema.index({ userId: 1 }, { unique: true });

export const NotificationPreferencesModel = model<NotificationPreferencesRecord>('NotificationPreferences', preferencesSchema, 'notification_preferences');
