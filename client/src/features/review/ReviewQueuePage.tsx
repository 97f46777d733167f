import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { ChallengeSummary } from '../challenges/ChallengeSummary';

const ReviewQueueDocument = graphql(`
  query ReviewQueue {
    challenges(filter: { status: SUBMITTED_FOR_REVIEW }, first: 50) {
      totalCount
      edges {
        node {
          id
          ...ChallengeSummary_Challenge
        }
      }
    }
  }
`);

/** Challenges public bodies have sent for review; each opens to publish it or return it with feedback. */
export default function ReviewQueuePage() {
  usePageTitle('Review queue');
  const { data, loading, error, refetch } = useQuery(ReviewQueueDocument, { fetchPolicy: 'network-only' });
  return (
    <>
      <h1 className="govuk-heading-l">Challenges waiting for review</h1>
      {loading && !data && <Loading />}
      {error && <QueryError error={error} retry={() => void refetch()} />}
      {data && (
        <p className="govuk-body" role="status">
          {data.challenges.totalCount === 0 ? 'Nothing is waiting for review.' : `${data.challenges.totalCount} waiting, newest first.`}
        </p>
      )}
      {data && (
        <ul className="govuk-list">
          {data.challenges.edges.map(({ node }) => (
            <ChallengeSummary key={node.id} challenge={node} />
          ))}
        </ul>
      )}
    </>
  );
}
