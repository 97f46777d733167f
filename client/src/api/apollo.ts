import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';

/**
 * One client per page load. `onUnauthenticated` runs when the server says the session is gone
 * (it expired, or was ended elsewhere), so the app can send the person to sign in and back.
 */
export function createApolloClient(onUnauthenticated: () => void): ApolloClient {
  const sessionLink = new ErrorLink(({ error }) => {
    if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) onUnauthenticated();
  });
  return new ApolloClient({
    link: ApolloLink.from([sessionLink, new HttpLink({ uri: '/graphql', credentials: 'same-origin' })]),
    cache: new InMemoryCache({
      typePolicies: {
        // Permission and KPI objects have no id: they belong to their parent and are replaced with it.
        ChallengePermissions: { keyFields: false },
        SolutionPermissions: { keyFields: false },
        ResponsePermissions: { keyFields: false },
        OrganisationPermissions: { keyFields: false },
        Member: { keyFields: ['userId'] },
      },
    }),
    defaultOptions: {
      watchQuery: { fetchPolicy: 'cache-and-network' },
    },
  });
}
