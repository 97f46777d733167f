import type { Resolvers } from '../contract/generated/resolvers-types';
import { markNotificationsRead, notificationPreferences, notificationsOf, setNotificationPreferences, unreadNotificationCount } from './notification.service';

export const notificationResolvers: Resolvers = {
  Query: {
    notifications: (_parent, args, ctx) => notificationsOf(ctx, args),
    notificationPreferences: (_parent, _args, ctx) => notificationPreferences(ctx),
  },
  Mutation: {
    markNotificationsRead: (_parent, { input }, ctx) => markNotificationsRead(ctx, input),
    setNotificationPreferences: (_parent, { input }, ctx) => setNotificationPreferences(ctx, input),
  },
  Viewer: {
    unreadNotificationCount: (_viewer, _args, ctx) => unreadNotificationCount(ctx),
  },
  Notification: {
    id: (notification) => notification._id.toHexString(),
    readAt: (notification) => notification.readAt ?? null,
    read: (notification) => notification.readAt != null,
  },
  NotificationSubject: {
    id: (subject) => subject.id.toHexString(),
    challengeId: (subject) => subject.challengeId.toHexString(),
  },
};
