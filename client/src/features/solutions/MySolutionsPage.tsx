import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { MySolutionsQuery } from '../../gql/graphql';
import { describeError } from '../../api/errors';
import { ErrorSummary } from '../../components/ui/ErrorSummary';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { Tag } from '../../components/ui/Tag';
import { ACCREDITATION_LABELS, formatDate, formatGbp, SOLUTION_STATUS } from '../../components/ui/labels';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { countOf } from '../../components/ui/plural';

const MySolutionsDocument = graphql(`
  query MySolutions {
    solutions(filter: { mine: true }, first: 50) {
      totalCount
      edges {
        node {
          id
          version
          name
          summary
          status
          trl
          priceMinGbp
          priceMaxGbp
          hasExpiredAccreditation
          validAccreditations
          evidence {
            kind
            description
            expired
            accreditation {
              type
              expiresAt
            }
          }
          viewerCan {
            update
            publish
            unpublish
            archive
          }
        }
      }
    }
  }
`);

const PublishSolutionDocument = graphql(`
  mutation PublishSolution($input: SolutionTransitionInput!) {
    publishSolution(input: $input) {
      id
      status
      version
    }
  }
`);
const UnpublishSolutionDocument = graphql(`
  mutation UnpublishSolution($input: SolutionTransitionInput!) {
    unpublishSolution(input: $input) {
      id
      status
      version
    }
  }
`);
const ArchiveSolutionDocument = graphql(`
  mutation ArchiveSolution($input: SolutionTransitionInput!) {
    archiveSolution(input: $input) {
      id
      status
      version
    }
  }
`);

type Solution = MySolutionsQuery['solutions']['edges'][number]['node'];
const refetch = { refetchQueries: ['MySolutions'], awaitRefetchQueries: true };

function SolutionCard({ solution, onProblem }: { solution: Solution; onProblem: (message: string) => void }) {
  const [publish, publishing] = useMutation(PublishSolutionDocument, refetch);
  const [unpublish, unpublishing] = useMutation(UnpublishSolutionDocument, refetch);
  const [archive, archiving] = useMutation(ArchiveSolutionDocument, refetch);
  const input = { solutionId: solution.id, expectedVersion: solution.version };
  const run = (action: () => Promise<unknown>) => action().catch((error: unknown) => onProblem(describeError(error).message));
  const busy = publishing.loading || unpublishing.loading || archiving.loading;
  return (
    <li className="app-search-hit">
      <h2 className="govuk-heading-s govuk-!-margin-bottom-2">{solution.name}</h2>
      <p className="govuk-body-s">
        <Tag {...SOLUTION_STATUS[solution.status]} /> · TRL {solution.trl} · {formatGbp(solution.priceMinGbp)} to {formatGbp(solution.priceMaxGbp)}
      </p>
      <p className="govuk-body">{solution.summary}</p>
      {solution.hasExpiredAccreditation && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            An accreditation has expired:{' '}
            {solution.evidence
              .filter((item) => item.expired && item.accreditation)
              .map((item) => `${ACCREDITATION_LABELS[item.accreditation!.type]} (expired ${formatDate(item.accreditation!.expiresAt)})`)
              .join(', ')}
            . Challenges that require it will not accept responses with this solution until it is renewed.
          </strong>
        </div>
      )}
      <p className="govuk-body-s">
        {countOf(solution.evidence.length, 'evidence item')}
        {solution.validAccreditations.length > 0 && ` · Valid: ${solution.validAccreditations.map((a) => ACCREDITATION_LABELS[a]).join(', ')}`}
      </p>
      <div className="app-inline-actions">
        {solution.viewerCan.update && (
          <Link className="govuk-button govuk-button--secondary" role="button" draggable={false} to={`/solutions/${solution.id}/edit`}>
            Edit<span className="govuk-visually-hidden"> {solution.name}</span>
          </Link>
        )}
        {solution.viewerCan.publish && (
          <button type="button" className="govuk-button" disabled={busy} onClick={() => run(() => publish({ variables: { input } }))}>
            Publish<span className="govuk-visually-hidden"> {solution.name}</span>
          </button>
        )}
        {solution.viewerCan.unpublish && (
          <button type="button" className="govuk-button govuk-button--secondary" disabled={busy} onClick={() => run(() => unpublish({ variables: { input } }))}>
            Unpublish<span className="govuk-visually-hidden"> {solution.name}</span>
          </button>
        )}
        {solution.viewerCan.archive && (
          <button type="button" className="govuk-button govuk-button--warning" disabled={busy} onClick={() => run(() => archive({ variables: { input } }))}>
            Archive<span className="govuk-visually-hidden"> {solution.name}</span>
          </button>
        )}
      </div>
    </li>
  );
}

export default function MySolutionsPage() {
  usePageTitle('Your solutions');
  const { data, loading, error, refetch: reload } = useQuery(MySolutionsDocument);
  const [problem, setProblem] = useState<string>();
  return (
    <>
      <ErrorSummary errors={problem ? [{ text: problem }] : []} />
      <h1 className="govuk-heading-l">Your solutions</h1>
      <p className="govuk-body">
        <Link to="/solutions/new" className="govuk-button" role="button" draggable={false}>
          Describe a new solution
        </Link>
      </p>
      {loading && !data && <Loading />}
      {error && <QueryError error={error} retry={() => void reload()} />}
      {data?.solutions.totalCount === 0 && <p className="govuk-body">You have not described a solution yet.</p>}
      {data && (
        <ul className="govuk-list">
          {data.solutions.edges.map(({ node }) => (
            <SolutionCard key={node.id} solution={node} onProblem={setProblem} />
          ))}
        </ul>
      )}
    </>
  );
}
