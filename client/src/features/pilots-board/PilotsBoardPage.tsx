import { useQuery } from '@apollo/client/react';
import { graphql, getFragmentData } from '../../gql';
import type { PilotStatus } from '../../gql/graphql';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { PILOT_STATUS } from '../../components/ui/labels';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { countOf } from '../../components/ui/plural';
import { joinPages } from '../../api/pagination';
import { NextPageButton } from '../../components/ui/NextPageButton';
import { PilotCard, PilotCard_PilotFragment } from './PilotCard';
import './pilots-board.scss';

const PilotsBoardDocument = graphql(`
  query PilotsBoard($after: String) {
    myPilots(first: 30, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...PilotCard_Pilot
        }
      }
    }
  }
`);

const COLUMNS: PilotStatus[] = ['PLANNING', 'LIVE', 'EVALUATING', 'COMPLETED', 'CANCELLED'];

/** Every pilot, in a column by status, newest first; each card opens the pilot. */
export default function PilotsBoardPage() {
  usePageTitle('Pilots board');
  const { data, loading, error, refetch, fetchMore } = useQuery(PilotsBoardDocument);
  const pilots = (data?.myPilots.edges ?? []).map((edge) => ({ ref: edge.node, status: getFragmentData(PilotCard_PilotFragment, edge.node).status }));
  return (
    <>
      <h1 className="govuk-heading-l">Pilots board</h1>
      {loading && !data && <Loading />}
      {error && <QueryError error={error} retry={() => void refetch()} />}
      {data && (
        <p className="govuk-body" role="status">
          {data.myPilots.totalCount === 0
            ? 'No pilots yet: a pilot starts when both sides accept an introduction.'
            : `${countOf(data.myPilots.totalCount, 'pilot')}${data.myPilots.totalCount > pilots.length ? `, the newest ${pilots.length} shown` : ''}.`}
        </p>
      )}
      {data && data.myPilots.totalCount > 0 && (
        <div className="app-pilot-board">
          {COLUMNS.map((status) => {
            const inColumn = pilots.filter((pilot) => pilot.status === status);
            return (
              <section className="app-pilot-board__column" key={status} aria-labelledby={`pilots-${status}`}>
                <h2 className="govuk-heading-s" id={`pilots-${status}`}>
                  {PILOT_STATUS[status].label} ({inColumn.length})
                </h2>
                {inColumn.length === 0 ? (
                  <p className="govuk-body-s">None.</p>
                ) : (
                  <ul className="govuk-list">
                    {inColumn.map((pilot) => (
                      <li key={pilot.ref.id}>
                        <PilotCard pilot={pilot.ref} />
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      )}
      <NextPageButton
        pageInfo={data?.myPilots.pageInfo}
        label="Show the next 30 pilots"
        onNext={(after) =>
          fetchMore({
            variables: { after },
            updateQuery: (previous, { fetchMoreResult }) => ({ myPilots: joinPages(previous.myPilots, fetchMoreResult.myPilots, 'edges') }),
          })
        }
      />
    </>
  );
}
