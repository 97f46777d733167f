import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { NotificationsQuery } from '../../gql/graphql';
import { describeError } from '../../api/errors';
import { SessionDocument } from '../../api/session';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { Tag } from '../../components/ui/Tag';
import { formatDate } from '../../components/ui/labels';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { joinPages } from '../../api/pagination';
import { NextPageButton } from '../../components/ui/NextPageButton';
import { notificationLink } from './notification-links';

// With the viewer's unread count: the header badge reads the same cached field, so it agrees with
// the list at once rather than at its next poll.
const NotificationsDocument = graphql(`
  query Notifications($unreadOnly: Boolean!, $after: String) {
    notifications(unreadOnly: $unreadOnly, first: 20, after: $after) {
      totalCount
      unreadCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
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
      id
      unreadNotificationCount
    }
  }
`);

const MarkNotificationsReadDocument = graphql(`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input) {
      markedCount
      unreadCount
    }
  }
`);

type Notification = NotificationsQuery['notifications']['edges'][number]['node'];

/**
 * Marks notifications read, changing them in the cache at once (the list and the header badge
 * follow) rather than waiting for the server: the server only ever agrees.
 */
export function useMarkRead() {
  const [mark] = useMutation(MarkNotificationsReadDocument);
  const [problem, setProblem] = useState<string>();
  const markRead = async (notifications: Notification[], all = false) => {
    setProblem(undefined);
    const unread = notifications.filter((notification) => !notification.read);
    if (!all && unread.length === 0) return;
    const readAt = new Date().toISOString();
    try {
      await mark({
        variables: { input: all ? { all: true } : { ids: unread.map((notification) => notification.id) } },
        optimisticResponse: { markNotificationsRead: { markedCount: unread.length, unreadCount: 0 } },
        update: (cache, { data }) => {
          for (const notification of unread) {
            cache.modify({ id: cache.identify({ __typename: 'Notification', id: notification.id }), fields: { read: () => true, readAt: () => readAt } });
          }
          const session = cache.readQuery({ query: SessionDocument });
          const viewer = session?.viewer && cache.identify({ __typename: 'Viewer', id: session.viewer.id });
          if (data && viewer) cache.modify({ id: viewer, fields: { unreadNotificationCount: (count: number) => (all ? data.markNotificationsRead.unreadCount : Math.max(0, count - unread.length)) } });
        },
        refetchQueries: ['NotificationBadge', 'Notifications'],
      });
    } catch (error) {
      setProblem(describeError(error).message);
    }
  };
  return { markRead, problem };
}

function NotificationItem({ notification, onRead }: { notification: Notification; onRead: () => void }) {
  return (
    <li className={`app-search-hit app-notification${notification.read ? '' : ' app-notification--unread'}`}>
      <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
        <Link className="govuk-link" to={notificationLink(notification.subject)} onClick={onRead}>
          {notification.title}
        </Link>
      </h2>
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        {notification.read ? <Tag label="Read" colour="grey" /> : <Tag label="Unread" colour="blue" />} {formatDate(notification.occurredAt)}
      </p>
      <p className="govuk-body govuk-!-margin-bottom-2">{notification.body}</p>
      {!notification.read && (
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={onRead}>
          Mark as read<span className="govuk-visually-hidden">: {notification.title}</span>
        </button>
      )}
    </li>
  );
}

export default function NotificationsPage() {
  usePageTitle('Notifications');
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('show') === 'unread';
  const { data, loading, error, refetch, fetchMore } = useQuery(NotificationsDocument, { variables: { unreadOnly } });
  const { markRead, problem } = useMarkRead();
  const result = data?.notifications;
  const notifications = result?.edges.map(({ node }) => node) ?? [];
  return (
    <>
      <h1 className="govuk-heading-l">Notifications</h1>
      <p className="govuk-body">
        <Link className="govuk-link" to="/notifications/preferences">
          Choose which notifications you get, and how
        </Link>
      </p>
      <div className="app-inline-actions">
        <div className="govuk-form-group">
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id="unread-only"
                type="checkbox"
                checked={unreadOnly}
                onChange={(event) => setParams(event.target.checked ? { show: 'unread' } : {}, { replace: true })}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="unread-only">
                Show unread only
              </label>
            </div>
          </div>
        </div>
        {result && result.unreadCount > 0 && (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void markRead(notifications, true)}>
            Mark all as read
          </button>
        )}
      </div>
      <p className="govuk-body" role="status">
        {result ? `${result.unreadCount} unread` : ''}
      </p>
      {problem && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {problem}
        </p>
      )}
      {loading && !data && <Loading />}
      {error && <QueryError error={error} retry={() => void refetch()} />}
      {result && notifications.length === 0 && <p className="govuk-body">{unreadOnly ? 'You have no unread notifications.' : 'You have no notifications yet.'}</p>}
      {notifications.length > 0 && (
        <ul className="govuk-list">
          {notifications.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} onRead={() => void markRead([notification])} />
          ))}
        </ul>
      )}
      <NextPageButton
        pageInfo={result?.pageInfo}
        label="Show more notifications"
        onNext={(after) =>
          fetchMore({
            variables: { unreadOnly, after },
            updateQuery: (previous, { fetchMoreResult }) => ({ ...fetchMoreResult, notifications: joinPages(previous.notifications, fetchMoreResult.notifications, 'edges') }),
          })
        }
      />
    </>
  );
}
