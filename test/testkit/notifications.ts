import { graphql } from '../generated';
import type { NotificationsListQuery } from '../generated/graphql';
import { createLogger } from '../../server/src/shared/logger';
import { loggingEventSink, type ServiceCollaborators } from '../../server/src/context/service-context';
import { EventDispatcher, type EventConsumer } from '../../server/src/events/event-dispatcher';
import { eventSources } from '../../server/src/event-sources';
import { notificationEventConsumer } from '../../server/src/notifications/notification.worker';
import type { TestApp, TestSession } from './test-app';

export const NotificationsList = graphql(`
  query NotificationsList($unreadOnly: Boolean, $first: Int, $after: String) {
    notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
      totalCount
      unreadCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          kind
          title
          body
          occurredAt
          read
          readAt
          subject {
            kind
            id
            challengeId
          }
        }
      }
    }
    viewer {
      unreadNotificationCount
    }
  }
`);

export type ListedNotification = NotificationsListQuery['notifications']['edges'][number]['node'];

/** The app's collaborators, as the worker loop hands them to its consumers and jobs. */
export function collaboratorsOf(app: TestApp): ServiceCollaborators {
  const logger = createLogger('silent');
  return { mailer: app.mailer, publicUrl: app.config.publicUrl, search: app.search, events: loggingEventSink(logger), logger };
}

/** A worker delivering domain events to notifications (or to a wrapper of it), as the worker loop runs it. */
export function notificationWorker(app: TestApp, owner: string, consumer: EventConsumer = notificationEventConsumer(collaboratorsOf(app)), leaseMs = 20_000) {
  return new EventDispatcher(eventSources, [consumer], { logger: createLogger('silent'), owner, leaseMs, callTimeoutMs: leaseMs / 4, idleDelayMs: 5 });
}

/** Every notification of the signed-in user, newest first. */
export async function notificationsOf(session: TestSession): Promise<ListedNotification[]> {
  return (await session.gqlOk(NotificationsList, { first: 100 })).notifications.edges.map((edge) => edge.node);
}

/** The signed-in user's notifications of one kind. */
export async function notificationsOfKind(session: TestSession, kind: ListedNotification['kind']): Promise<ListedNotification[]> {
  return (await notificationsOf(session)).filter((notification) => notification.kind === kind);
}
