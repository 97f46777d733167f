import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { Tag } from '../../components/ui/Tag';
import { formatDate, formatGbp, RESPONSE_STATUS } from '../../components/ui/labels';
import { countOf } from '../../components/ui/plural';

const ChallengeResponsesDocument = graphql(`
  query ChallengeResponses($id: ID!) {
    challenge(id: $id) {
      id
      responses(first: 50) {
        totalCount
        edges {
          node {
            id
            status
            pitch
            kpiApproach
            indicativePriceGbp
            timelineWeeks
            submittedAt
            organisation {
              id
              name
            }
            solution {
              id
              name
              trl
            }
          }
        }
      }
    }
  }
`);

/** The responses a public body has received, for its members and staff. */
export function ChallengeResponses({ challengeId }: { challengeId: string }) {
  const { data, loading, error, refetch } = useQuery(ChallengeResponsesDocument, { variables: { id: challengeId } });
  if (loading && !data) return <Loading label="Loading responses…" />;
  if (error) return <QueryError error={error} retry={() => void refetch()} />;
  const responses = data?.challenge?.responses;
  return (
    <section aria-labelledby="responses-heading">
      <h2 className="govuk-heading-m" id="responses-heading">
        Responses ({responses?.totalCount ?? 0})
      </h2>
      {responses?.edges.length === 0 && <p className="govuk-body">No start-up has responded yet.</p>}
      {responses?.edges.map(({ node }) => (
        <div key={node.id} className="app-search-hit">
          <h3 className="govuk-heading-s">
            {node.organisation.name}: {node.solution.name}
          </h3>
          <Tag {...RESPONSE_STATUS[node.status]} />
          <p className="govuk-body govuk-!-margin-top-3">{node.pitch}</p>
          <dl className="govuk-summary-list govuk-summary-list--no-border">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Price</dt>
              <dd className="govuk-summary-list__value">{formatGbp(node.indicativePriceGbp)}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Timeline</dt>
              <dd className="govuk-summary-list__value">{countOf(node.timelineWeeks, 'week')}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Readiness</dt>
              <dd className="govuk-summary-list__value">TRL {node.solution.trl}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Submitted</dt>
              <dd className="govuk-summary-list__value">{formatDate(node.submittedAt)}</dd>
            </div>
          </dl>
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">How they would reach the success measures</span>
            </summary>
            <div className="govuk-details__text">{node.kpiApproach}</div>
          </details>
        </div>
      ))}
    </section>
  );
}
