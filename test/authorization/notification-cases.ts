import { Types } from 'mongoose';
import { NotificationModel } from '../../server/src/notifications/notification.model';
import type { AuthorizationCase } from './run-case';
import type { World } from './principals';

const SIGNED_IN = ['owningBodyMember', 'otherBodyMember', 'respondingStartupMember', 'otherStartupMember', 'staff', 'admin'] as const;

/** A notification of the owning body's member, as the dispatcher would have delivered it. */
async function notificationOfOwningBodyMember(world: World): Promise<string> {
  const userId = new Types.ObjectId(world.account('owningBodyMember')!.userId);
  const eventId = `response:${new Types.ObjectId().toHexString()}@1`;
  const notification = await NotificationModel.create({
    userId,
    kind: 'RESPONSE_RECEIVED',
    title: 'New response',
    body: 'A start-up responded.',
    subject: { kind: 'RESPONSE', id: new Types.ObjectId(), challengeId: new Types.ObjectId() },
    eventId,
    deliveryKey: `${eventId}|${userId.toHexString()}`,
    occurredAt: new Date(),
    mail: 'NONE',
  });
  return notification._id.toHexString();
}

/** Everyone signed in has notifications of their own, and only their own. */
export const notificationCases: AuthorizationCase[] = [
  {
    field: 'Query.notifications',
    document: 'query { notifications(unreadOnly: true) { totalCount unreadCount } }',
    allowed: SIGNED_IN,
    prepare: async () => ({}),
  },
  {
    field: 'Query.notificationPreferences',
    document: 'query { notificationPreferences { kind delivery } }',
    allowed: SIGNED_IN,
    prepare: async () => ({}),
  },
  {
    field: 'Mutation.markNotificationsRead',
    document: 'mutation { markNotificationsRead(input: { all: true }) { markedCount unreadCount } }',
    allowed: SIGNED_IN,
    prepare: async () => ({}),
  },
  {
    field: 'Mutation.markNotificationsRead',
    document: 'mutation ($id: ID!) { markNotificationsRead(input: { ids: [$id] }) { markedCount } }',
    allowed: ['owningBodyMember'],
    prepare: async (world) => ({ id: await notificationOfOwningBodyMember(world) }),
  },
  {
    field: 'Mutation.setNotificationPreferences',
    document: 'mutation { setNotificationPreferences(input: { preferences: [{ kind: KPI_RECORDED, delivery: DAILY_DIGEST }] }) { kind delivery } }',
    allowed: SIGNED_IN,
    prepare: async () => ({}),
  },
];
