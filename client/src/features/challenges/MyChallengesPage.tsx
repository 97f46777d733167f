import { Link } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { ChallengeSummary } from './ChallengeSummary';

const MyChallengesDocument = graphql(`
  query MyChallenges {
    challenges(filter: { mine: true }, first: 50) {
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

export default function MyChallengesPage() {
  usePageTitle('Your challenges');
  const { data, loading, error, refetch } = useQuery(MyChallengesDocument);
  return (
    <>
      <h1 className="govuk-heading-l">Your challenges</h1>
      <p className="govuk-body">
        <Link to="/challenges/new" className="govuk-button" role="button" draggable={false}>
          Post a new challenge
        </Link>
      </p>
      {loading && !data && <Loading />}
      {error && <QueryError error={error} retry={() => void refetch()} />}
      {data && data.challenges.totalCount === 0 && <p className="govuk-body">You have not posted a challenge yet.</p>}
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
