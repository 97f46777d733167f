import { Link } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { Tag } from '../../components/ui/Tag';
import { formatDate, PILOT_STATUS } from '../../components/ui/labels';
import { usePageTitle } from '../../components/ui/usePageTitle';

const MyPilotsDocument = graphql(`
  query MyPilots {
    myPilots(first: 50) {
      totalCount
      edges {
        node {
          id
          status
          createdAt
          challenge {
            id
            title
            organisation {
              id
              name
            }
          }
          solution {
            id
            name
            organisation {
              id
              name
            }
          }
          milestones {
            id
            overdue
          }
        }
      }
    }
  }
`);

export default function MyPilotsPage() {
  usePageTitle('Pilots');
  const { data, loading, error, refetch } = useQuery(MyPilotsDocument);
  const pilots = data?.myPilots.edges.map(({ node }) => node) ?? [];
  return (
    <>
      <h1 className="govuk-heading-l">Pilots</h1>
      {loading && !data && <Loading />}
      {error && <QueryError error={error} retry={() => void refetch()} />}
      {data && pilots.length === 0 && (
        <p className="govuk-body">
          No pilots yet. A pilot starts when both sides accept an{' '}
          <Link className="govuk-link" to="/introductions">
            introduction
          </Link>
          .
        </p>
      )}
      {pilots.length > 0 && (
        <ul className="govuk-list">
          {pilots.map((pilot) => {
            const overdue = pilot.milestones.filter((milestone) => milestone.overdue).length;
            return (
              <li key={pilot.id} className="app-search-hit">
                <h2 className="govuk-heading-s govuk-!-margin-bottom-2">
                  <Link className="govuk-link" to={`/pilots/${pilot.id}`}>
                    {pilot.challenge.title}
                  </Link>
                </h2>
                <p className="govuk-body-s govuk-!-margin-bottom-2">
                  {pilot.solution.name} ({pilot.solution.organisation.name}) with {pilot.challenge.organisation.name} · started {formatDate(pilot.createdAt)}
                </p>
                <p className="govuk-body-s">
                  <Tag {...PILOT_STATUS[pilot.status]} /> {overdue > 0 && <Tag label={`${overdue} overdue`} colour="red" />}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
