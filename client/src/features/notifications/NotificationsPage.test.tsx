import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockedResponse } from '@apollo/client/testing';
import { describe, expect, it } from 'vitest';
import NotificationsPage from './NotificationsPage';
import { NotificationBadge } from './NotificationBadge';

const NOTIFICATIONS_QUERY = `query Notifications($unreadOnly: Boolean!, $after: String) {
  notifications(unreadOnly: $unreadOnly, first: 20, after: $after) {
    totalCount unreadCount pageInfo { hasNextPage endCursor }
    edges { node { id kind title body occurredAt read readAt subject { kind id challengeId } } }
  }
  viewer { id unreadNotificationCount }
}`;

const notification = (id: string, title: string) => ({
  __typename: 'Notification',
  id,
  kind: 'INTRODUCTION_MADE',
  title,
  body: 'Staff introduced you.',
  occurredAt: '2027-01-05T10:00:00Z',
  read: false,
  readAt: null,
  subject: { __typename: 'NotificationSubject', kind: 'MATCH', id: `m${id}`, challengeId: 'c1' },
});

const list = {
  __typename: 'NotificationConnection',
  totalCount: 2,
  unreadCount: 2,
  pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
  edges: [
    { __typename: 'NotificationEdge', node: notification('1', 'Introduction: Fewer missed bins') },
    { __typename: 'NotificationEdge', node: notification('2', 'Introduction: Safer crossings') },
  ],
};

const viewer = { __typename: 'Viewer', id: 'u1', unreadNotificationCount: 2 };

async function renderPage(mocks: MockedResponse[], { withBadge = false, listDelayMs = 0 } = {}) {
  const { parse } = await import('graphql');
  const all: MockedResponse[] = [
    { request: { query: parse(NOTIFICATIONS_QUERY), variables: { unreadOnly: false } }, result: { data: { notifications: list, viewer } }, maxUsageCount: 5, delay: listDelayMs },
    ...mocks,
  ];
  render(
    <MockedProvider mocks={all}>
      <MemoryRouter initialEntries={['/notifications']}>
        {withBadge && <NotificationBadge />}
        <NotificationsPage />
      </MemoryRouter>
    </MockedProvider>,
  );
}

describe('NotificationsPage', () => {
  it('lists notifications with links to what they are about, and the unread count', async () => {
    await renderPage([]);
    const item = (await screen.findByRole('link', { name: 'Introduction: Fewer missed bins' })).closest('li')!;
    expect(within(item).getByRole('link')).toHaveAttribute('href', '/introductions');
    expect(screen.getByRole('status')).toHaveTextContent('2 unread');
    expect(screen.getAllByRole('button', { name: /Mark as read/ })).toHaveLength(2);
  });

  it('brings the header badge up to the count the list shows, without waiting for its next poll', async () => {
    const { parse } = await import('graphql');
    // The badge last asked before these two arrived, so its stale answer must land before the list's:
    // both write the same viewer, and whichever lands last is what the badge shows.
    await renderPage([{ request: { query: parse('query NotificationBadge { viewer { id unreadNotificationCount } }') }, result: { data: { viewer: { ...viewer, unreadNotificationCount: 0 } } } }], {
      withBadge: true,
      listDelayMs: 50,
    });
    await screen.findByRole('link', { name: 'Introduction: Fewer missed bins' });
    expect(await screen.findByTestId('unread-badge')).toHaveTextContent('2 unread');
  });

  it('shows a notification as read at once when it is marked read', async () => {
    const { parse } = await import('graphql');
    await renderPage([
      {
        request: { query: parse('mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { markedCount unreadCount } }'), variables: { input: { ids: ['1'] } } },
        // The server never answers in this test: what the page shows is the optimistic result.
        result: { data: { markNotificationsRead: { markedCount: 1, unreadCount: 1 } } },
        delay: Infinity,
      },
    ]);
    const item = (await screen.findByRole('link', { name: 'Introduction: Fewer missed bins' })).closest('li')!;
    await userEvent.setup({ delay: null }).click(within(item).getByRole('button', { name: /Mark as read/ }));
    expect(await within(item).findByText('Read')).toBeInTheDocument();
    expect(within(item).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /Mark as read/ })).toHaveLength(1);
  });
});
