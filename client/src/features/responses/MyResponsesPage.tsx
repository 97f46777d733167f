import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { describeError } from '../../api/errors';
import { ErrorSummary } from '../../components/ui/ErrorSummary';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { Tag } from '../../components/ui/Tag';
import { formatDate, formatGbp, RESPONSE_STATUS } from '../../components/ui/labels';
import { usePageTitle } from '../../components/ui/usePageTitle';

const MyResponsesDocument = graphql(`
  query MyResponses {
    responses(filter: { mine: true }, first: 50) {
      totalCount
      edges {
        node {
          id
          version
          status
          declineReason
          indicativePriceGbp
          submittedAt
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
          }
          viewerCan {
            withdraw
          }
        }
      }
    }
  }
`);

const WithdrawResponseDocument = graphql(`
  mutation WithdrawResponse($input: ResponseTransitionInput!) {
    withdrawResponse(input: $input) {
      id
      status
      version
    }
  }
`);

export default function MyResponsesPage() {
  usePageTitle('Your responses');
  const [params] = useSearchParams();
  const { data, loading, error, refetch } = useQuery(MyResponsesDocument, { fetchPolicy: 'cache-and-network' });
  const [withdraw] = useMutation(WithdrawResponseDocument, { refetchQueries: ['MyResponses'] });
  const [problem, setProblem] = useState<string>();
  return (
    <>
      <ErrorSummary errors={problem ? [{ text: problem }] : []} />
      {params.get('submitted') && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="submitted-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="submitted-title">
              Success
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">Your response has been sent to the public body.</p>
          </div>
        </div>
      )}
      <h1 className="govuk-heading-l">Your responses</h1>
      {loading && !data && <Loading />}
      {error && <QueryError error={error} retry={() => void refetch()} />}
      {data?.responses.totalCount === 0 && (
        <p className="govuk-body">
          You have not responded to a challenge yet.{' '}
          <Link className="govuk-link" to="/challenges">
            Find challenges
          </Link>
          .
        </p>
      )}
      <ul className="govuk-list">
        {data?.responses.edges.map(({ node }) => (
          <li key={node.id} className="app-search-hit">
            <h2 className="govuk-heading-s govuk-!-margin-bottom-2">
              <Link className="govuk-link" to={`/challenges/${node.challenge.id}`}>
                {node.challenge.title}
              </Link>
            </h2>
            <p className="govuk-body-s">
              {node.challenge.organisation.name} · with {node.solution.name} · {formatGbp(node.indicativePriceGbp)} · sent {formatDate(node.submittedAt)}
            </p>
            <Tag {...RESPONSE_STATUS[node.status]} />
            {node.declineReason && <p className="govuk-body govuk-!-margin-top-3">Reason given: {node.declineReason}</p>}
            {node.viewerCan.withdraw && (
              <p className="govuk-body govuk-!-margin-top-3">
                <button
                  type="button"
                  className="govuk-button govuk-button--warning"
                  onClick={() => withdraw({ variables: { input: { responseId: node.id, expectedVersion: node.version } } }).catch((e: unknown) => setProblem(describeError(e).message))}
                >
                  Withdraw<span className="govuk-visually-hidden"> response to {node.challenge.title}</span>
                </button>
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
