import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import type { SessionQuery } from '../gql/graphql';

export const SessionDocument = graphql(`
  query Session {
    viewer {
      id
      name
      email
      roles
      organisations {
        role
        organisation {
          id
          name
          kind
          verified
        }
      }
    }
  }
`);

export type Viewer = NonNullable<SessionQuery['viewer']>;
export type ViewerMembership = Viewer['organisations'][number];

export function isStaff(viewer: Viewer | null | undefined): boolean {
  return !!viewer?.roles.some((role) => role === 'STAFF' || role === 'ADMIN');
}

export function membershipsOfKind(viewer: Viewer | null | undefined, kind: 'PUBLIC_BODY' | 'STARTUP' | 'ACCELERATOR'): ViewerMembership[] {
  return viewer?.organisations.filter((membership) => membership.organisation.kind === kind) ?? [];
}

/** The signed-in user (null for visitors); cached, so every component may ask. */
export function useViewer() {
  const { data, loading, error } = useQuery(SessionDocument, { fetchPolicy: 'cache-first' });
  return { viewer: data?.viewer ?? null, loading: loading && !data, error };
}

/** Where sign-in should send the person afterwards: back to the page they were on. */
export function signInPath(returnTo: string, reason?: 'expired'): string {
  const params = new URLSearchParams({ returnTo });
  if (reason) params.set('reason', reason);
  return `/sign-in?${params.toString()}`;
}

/** Only a safe, same-site path is followed after sign-in, never another origin. */
export function safeReturnPath(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}
