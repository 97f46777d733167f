import crypto from 'node:crypto';
import { Types } from 'mongoose';
import { z } from 'zod';
import type { ServiceContext } from '../context/service-context';
import type { RecordedEvent } from '../events/event-dispatcher';
import { findPage, type CountedPage } from '../db/find-page';
import { isDuplicateKey } from '../db/duplicate-key';
import { toObjectId } from '../db/ids';
import { trusted } from '../db/trusted';
import { requireUser } from '../shared/actor';
import { badInput, forbidden, notFound } from '../shared/errors';
import { parseInput } from '../shared/validation';
import { sdlEnum } from '../contract/taxonomy';
import { sdlEnumValues } from '../contract/sdl';
import type {
  MarkNotificationsReadInput,
  NotificationDelivery,
  NotificationKind,
  SetNotificationPreferencesInput,
} from '../contract/generated/resolvers-types';
import { MembershipModel } from '../organisations/membership.model';
import { UserModel } from '../users/user.model';
import { NotificationModel, NotificationPreferencesModel, type NotificationMailState, type NotificationRecord } from './notification.model';
import { notificationPolicy } from './notification.policy';
import { planFor, type NotificationPlan } from './notification-content';

export const NOTIFICATION_KINDS = sdlEnumValues('NotificationKind') as NotificationKind[];
const DEFAULT_DELIVERY: NotificationDelivery = 'IMMEDIATE';
const MAX_MARKED_IDS = 100;
/** How long a sender owns the email it claimed; a sender that died is replaced after it. */
const MAIL_CLAIM_MS = 60_000;
const MAIL_BATCH = 200;

const userObjectId = (ctx: ServiceContext) => new Types.ObjectId(requireUser(ctx.actor).userId);

/** The viewer's notifications, newest first, optionally only the unread ones, with the unread count. */
export async function notificationsOf(
  ctx: ServiceContext,
  { unreadOnly, first, after }: { unreadOnly?: boolean | null; first?: number | null; after?: string | null },
): Promise<CountedPage<NotificationRecord> & { unreadCount: number }> {
  const userId = userObjectId(ctx);
  const page = await findPage(NotificationModel, [{ userId }, ...(unreadOnly ? [{ readAt: null }] : [])], first, after);
  return { ...page, unreadCount: await unreadNotificationCount(ctx) };
}

export function unreadNotificationCount(ctx: ServiceContext): Promise<number> {
  return NotificationModel.countDocuments({ userId: userObjectId(ctx), readAt: null }).exec();
}

const markSchema = z
  .strictObject({ ids: z.array(z.string()).min(1).max(MAX_MARKED_IDS).optional(), all: z.boolean().optional() })
  .refine((input) => (input.ids !== undefined) !== (input.all === true), { message: 'give either ids or all: true, not both', path: ['ids'] });

/** Marks some (by id) or all of the viewer's notifications read; someone else's id is NOT_FOUND, like a missing one. */
export async function markNotificationsRead(ctx: ServiceContext, input: MarkNotificationsReadInput): Promise<{ markedCount: number; unreadCount: number }> {
  const userId = userObjectId(ctx);
  const { ids } = parseInput(markSchema, { ...(input.ids != null ? { ids: input.ids } : {}), ...(input.all != null ? { all: input.all } : {}) });
  let selection: Record<string, unknown> = { userId };
  if (ids) {
    const objectIds = ids.map((id) => toObjectId('Notification', id));
    const owned = new Set((await NotificationModel.find({ _id: trusted({ $in: objectIds }), userId }).select({ _id: 1 }).lean()).map((n) => n._id.toHexString()));
    const missing = ids.find((id) => !owned.has(id.toLowerCase()));
    if (missing) throw notFound('Notification', missing);
    selection = { ...selection, _id: trusted({ $in: objectIds }) };
  }
  const marked = await NotificationModel.updateMany({ ...selection, readAt: null }, { $set: { readAt: ctx.now } });
  return { markedCount: marked.modifiedCount, unreadCount: await unreadNotificationCount(ctx) };
}

async function deliveriesOf(userId: Types.ObjectId): Promise<Map<NotificationKind, NotificationDelivery>> {
  const record = await NotificationPreferencesModel.findOne({ userId }).lean();
  const chosen = record?.deliveries as unknown;
  // Lean reads give the Map as a plain object.
  return new Map(Object.entries(chosen instanceof Map ? Object.fromEntries(chosen) : ((chosen as object | undefined) ?? {}))) as Map<NotificationKind, NotificationDelivery>;
}

/** The viewer's delivery for every kind, in NotificationKind order. */
export async function notificationPreferences(ctx: ServiceContext): Promise<{ kind: NotificationKind; delivery: NotificationDelivery }[]> {
  const chosen = await deliveriesOf(userObjectId(ctx));
  return NOTIFICATION_KINDS.map((kind) => ({ kind, delivery: chosen.get(kind) ?? DEFAULT_DELIVERY }));
}

const preferencesSchema = z.strictObject({
  preferences: z
    .array(z.strictObject({ kind: sdlEnum<NotificationKind>('NotificationKind'), delivery: sdlEnum<NotificationDelivery>('NotificationDelivery') }))
    .min(1)
    .max(NOTIFICATION_KINDS.length),
});

/** Changes the listed kinds' delivery for the viewer; the others keep theirs. */
export async function setNotificationPreferences(ctx: ServiceContext, input: SetNotificationPreferencesInput) {
  const userId = userObjectId(ctx);
  const { preferences } = parseInput(preferencesSchema, input);
  const kinds = preferences.map((preference) => preference.kind);
  const repeated = kinds.find((kind, index) => kinds.indexOf(kind) !== index);
  if (repeated) throw badInput([{ field: 'preferences', message: `lists ${repeated} more than once` }]);
  const change = { $set: Object.fromEntries(preferences.map(({ kind, delivery }) => [`deliveries.${kind}`, delivery])) };
  try {
    await NotificationPreferencesModel.updateOne({ userId }, change, { upsert: true });
  } catch (error) {
    // Two first choices raced to create the record: it exists now, so the update applies to it.
    if (!isDuplicateKey(error)) throw error;
    await NotificationPreferencesModel.updateOne({ userId }, change);
  }
  return notificationPreferences(ctx);
}

/** Everyone a plan notifies: the organisations' members and the staff it concerns, never the actor. */
async function recipientsOf(plan: NotificationPlan): Promise<Types.ObjectId[]> {
  const members = await MembershipModel.find({ organisationId: trusted({ $in: plan.organisationIds }) }).select({ userId: 1 }).lean();
  const unique = new Map([...members.map((m) => m.userId), ...plan.staffUserIds].map((id) => [id.toHexString(), id]));
  if (plan.actorId) unique.delete(plan.actorId);
  return [...unique.values()];
}

const mailStateFor: Record<NotificationDelivery, NotificationMailState | undefined> = { IMMEDIATE: 'IMMEDIATE', DAILY_DIGEST: 'DIGEST', OFF: undefined };

/**
 * Turns one domain event into its notifications, once per recipient however often the event is
 * delivered: each carries `<event id>|<user id>` under a unique index, so a redelivery (after a
 * crash or a lost acknowledgement) inserts nothing new. Then emails the immediate ones. Returns
 * how many notifications this call created.
 */
export async function deliverNotifications(ctx: ServiceContext, event: RecordedEvent): Promise<number> {
  if (!notificationPolicy.canDeliver(ctx.actor)) throw forbidden('Only the platform delivers notifications.');
  const plan = await planFor(event);
  if (!plan) return 0;
  let created = 0;
  for (const userId of await recipientsOf(plan)) {
    const mail = mailStateFor[(await deliveriesOf(userId)).get(plan.kind) ?? DEFAULT_DELIVERY];
    if (!mail) continue;
    try {
      await NotificationModel.create({
        userId,
        kind: plan.kind,
        title: plan.title,
        body: plan.body,
        subject: plan.subject,
        eventId: event.id,
        deliveryKey: `${event.id}|${userId.toHexString()}`,
        occurredAt: event.at,
        mail,
      });
      created += 1;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  await sendImmediateEmail(ctx, { eventId: event.id });
  return created;
}

/** Takes a lease on up to one batch of unsent email matching `filter`, as one sender; returns what it won. */
async function claimEmail(ctx: ServiceContext, filter: Record<string, unknown>): Promise<{ token: string; notifications: NotificationRecord[] }> {
  const token = crypto.randomUUID();
  const free = { $or: [{ mailClaimUntil: null }, { mailClaimUntil: trusted({ $lt: ctx.now }) }] };
  const candidates = await NotificationModel.find({ ...filter, ...free }).select({ _id: 1 }).limit(MAIL_BATCH).lean();
  if (candidates.length === 0) return { token, notifications: [] };
  const ids = trusted({ $in: candidates.map((candidate) => candidate._id) });
  await NotificationModel.updateMany({ _id: ids, ...filter, ...free }, { $set: { mailClaimOwner: token, mailClaimUntil: new Date(ctx.now.getTime() + MAIL_CLAIM_MS) } });
  return { token, notifications: await NotificationModel.find({ _id: ids, mailClaimOwner: token }).lean() };
}

async function emailsOf(userIds: Types.ObjectId[]): Promise<Map<string, string>> {
  const users = await UserModel.find({ _id: trusted({ $in: userIds }) }).select({ email: 1 }).lean();
  return new Map(users.map((user) => [user._id.toHexString(), user.email]));
}

/**
 * Sends `notifications` to their user in one email and marks them SENT. A failure releases the
 * claim for the next pass. The email holds only the notification's own text and a plain link:
 * no token or secret, so the log transport leaks nothing.
 */
async function sendEmail(ctx: ServiceContext, token: string, to: string | undefined, subject: string, notifications: NotificationRecord[]): Promise<boolean> {
  const ids = trusted({ $in: notifications.map((n) => n._id) });
  const claimed = { _id: ids, mailClaimOwner: token };
  try {
    // A user who is gone gets no email; theirs are settled rather than retried forever.
    if (to) {
      const text = [...notifications.map((n) => `${n.title}\n${n.body}`), `See your notifications in Pilotline: ${ctx.publicUrl}/notifications`].join('\n\n');
      await ctx.mailer.send({ to, subject, text });
    }
    await NotificationModel.updateMany(claimed, { $set: { mail: 'SENT', mailedAt: ctx.now }, $unset: { mailClaimOwner: 1, mailClaimUntil: 1 } });
    return true;
  } catch (error) {
    ctx.logger.warn({ err: error, notifications: notifications.length }, 'notification email failed; retrying on the next pass');
    await NotificationModel.updateMany(claimed, { $unset: { mailClaimOwner: 1, mailClaimUntil: 1 } });
    return false;
  }
}

/**
 * Emails the IMMEDIATE notifications not sent yet (of one event, or all): one email each. Email is
 * sent at least once: a sender that dies between the mailer accepting and marking SENT leaves the
 * notification to be sent again once its claim lapses. Returns how many were sent.
 */
export async function sendImmediateEmail(ctx: ServiceContext, { eventId }: { eventId?: string } = {}): Promise<number> {
  if (!notificationPolicy.canDeliver(ctx.actor)) throw forbidden('Only the platform sends notification email.');
  const { token, notifications } = await claimEmail(ctx, { mail: 'IMMEDIATE', ...(eventId ? { eventId } : {}) });
  const addresses = await emailsOf(notifications.map((n) => n.userId));
  let sent = 0;
  for (const notification of notifications) {
    if (await sendEmail(ctx, token, addresses.get(notification.userId.toHexString()), notification.title, [notification])) sent += 1;
  }
  return sent;
}

/** Midnight UTC of `now`'s day: a digest covers the days before it. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Sends each user one email with their DAILY_DIGEST notifications of the days before today (UTC),
 * so a notification waits at most until the first pass after midnight. Returns how many
 * notifications went out; run it until it returns 0 to send every batch.
 */
export async function sendDailyDigests(ctx: ServiceContext): Promise<number> {
  if (!notificationPolicy.canDeliver(ctx.actor)) throw forbidden('Only the platform sends notification email.');
  const { token, notifications } = await claimEmail(ctx, { mail: 'DIGEST', occurredAt: trusted({ $lt: startOfUtcDay(ctx.now) }) });
  const byUser = new Map<string, NotificationRecord[]>();
  for (const notification of notifications) byUser.set(notification.userId.toHexString(), [...(byUser.get(notification.userId.toHexString()) ?? []), notification]);
  const addresses = await emailsOf(notifications.map((n) => n.userId));
  let sent = 0;
  for (const [userId, theirs] of byUser) {
    const ordered = [...theirs].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    const subject = `Your Pilotline digest: ${ordered.length} notification${ordered.length === 1 ? '' : 's'}`;
    if (await sendEmail(ctx, token, addresses.get(userId), subject, ordered)) sent += ordered.length;
  }
  return sent;
}
