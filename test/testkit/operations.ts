import { graphql } from '../generated';

/** GraphQL operations more than one suite reads through; each is written once, here. */

/** The signed-in viewer with their roles and organisations. */
export const ViewerOrganisationsQuery = graphql(`
  query TestkitViewerOrganisations {
    viewer {
      id
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

/** A challenge's responses as the viewer may see them: the count (owners and staff only) and the list. */
export const ChallengeResponsesQuery = graphql(`
  query TestkitChallengeResponses($id: ID!) {
    challenge(id: $id) {
      responseCount
      responses(first: 50) {
        totalCount
        edges {
          node {
            id
          }
        }
      }
    }
  }
`);
