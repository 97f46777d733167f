import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';

const NotificationBadgeDocument = graphql(`
  query NotificationBadge {
    viewer {
      id
      unreadNotificationCount
    }
  }
`);

/** New notifications arrive from events elsewhere, so the count is asked for again now and then. */
const POLL_MS = 30_000;

/** The unread count beside "Notifications" in the header; read out as "3 unread". */
export function NotificationBadge() {
  const { data } = useQuery(NotificationBadgeDocument, { pollInterval: POLL_MS, fetchPolicy: 'cache-and-network' });
  const count = data?.viewer?.unreadNotificationCount ?? 0;
  if (count === 0) return null;
  return (
    <span className="app-badge" data-testid="unread-badge">
      {count > 99 ? '99+' : count}
      <span className="govuk-visually-hidden"> unread</span>
    </span>
  );
}
