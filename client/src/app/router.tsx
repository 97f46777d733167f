import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { Layout } from './Layout';
import { RequireViewer } from './RequireViewer';
import { RouteError } from '../features/errors/RouteError';
import { NotFoundPage } from '../features/errors/NotFoundPage';

type Requirement = Parameters<typeof RequireViewer>[0]['role'] | 'anyone';

/** Each page is its own chunk, fetched when first visited; `who` says who may see it. */
function page(path: string, load: () => Promise<{ default: ComponentType }>, who: Requirement = 'anyone'): RouteObject {
  return {
    path,
    lazy: async () => {
      const { default: Page } = await load();
      return {
        Component:
          who === 'anyone'
            ? Page
            : () => (
                <RequireViewer role={who}>
                  <Page />
                </RequireViewer>
              ),
      };
    },
  };
}

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      page('/', () => import('../features/home/HomePage')),
      page('/sign-in', () => import('../features/auth/SignInPage')),
      page('/signed-out', () => import('../features/auth/SignedOutPage')),
      page('/register', () => import('../features/auth/RegisterPage')),
      page('/verify-email/:token', () => import('../features/auth/VerifyEmailPage')),
      page('/invitations/:token', () => import('../features/organisations/InvitationPage')),
      page('/organisation', () => import('../features/organisations/OrganisationPage'), 'signed-in'),
      page('/challenges', () => import('../features/search/SearchChallengesPage')),
      page('/challenges/new', () => import('../features/challenges/NewChallengePage'), 'public-body'),
      page('/challenges/:id', () => import('../features/challenges/ChallengePage')),
      page('/challenges/:id/edit', () => import('../features/challenges/EditChallengePage'), 'public-body'),
      page('/challenges/:id/respond', () => import('../features/responses/RespondPage'), 'startup'),
      page('/my/challenges', () => import('../features/challenges/MyChallengesPage'), 'public-body'),
      page('/my/solutions', () => import('../features/solutions/MySolutionsPage'), 'startup'),
      page('/my/responses', () => import('../features/responses/MyResponsesPage'), 'startup'),
      page('/solutions/new', () => import('../features/solutions/NewSolutionPage'), 'startup'),
      page('/solutions/:id/edit', () => import('../features/solutions/EditSolutionPage'), 'startup'),
      page('/review', () => import('../features/review/ReviewQueuePage'), 'staff'),
      page('/curation', () => import('../features/curation/CurationQueuePage'), 'staff'),
      page('/curation/:challengeId', () => import('../features/curation/CurationBoardPage'), 'staff'),
      page('/pilots-board', () => import('../features/pilots-board/PilotsBoardPage'), 'staff'),
      page('/dashboard', () => import('../features/dashboard/DashboardPage'), 'staff'),
      page('/dashboard/fairness', () => import('../features/dashboard/FairnessPage'), 'staff'),
      page('/my/recommendations', () => import('../features/recommendations/RecommendedChallengesPage'), 'startup'),
      page('/introductions', () => import('../features/introductions/IntroductionsPage'), 'signed-in'),
      page('/pilots', () => import('../features/pilots/MyPilotsPage'), 'signed-in'),
      page('/pilots/:id', () => import('../features/pilots/PilotPage'), 'signed-in'),
      page('/notifications', () => import('../features/notifications/NotificationsPage'), 'signed-in'),
      page('/notifications/preferences', () => import('../features/notifications/NotificationPreferencesPage'), 'signed-in'),
      { path: '*', Component: NotFoundPage },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
