import { RouterProvider } from 'react-router';
import { ApolloProvider } from '@apollo/client/react';
import { createApolloClient } from '../api/apollo';
import { createAppRouter } from './router';
import { signInPath } from '../api/session';

const router = createAppRouter();

/** A session that ends mid-visit sends the person to sign in, then back to the page they were on. */
const client = createApolloClient(() => {
  const { pathname, search } = router.state.location;
  if (pathname === '/sign-in') return;
  void client.clearStore().then(() => router.navigate(signInPath(pathname + search, 'expired'), { replace: true }));
});

export function App() {
  return (
    <ApolloProvider client={client}>
      <RouterProvider router={router} />
    </ApolloProvider>
  );
}
