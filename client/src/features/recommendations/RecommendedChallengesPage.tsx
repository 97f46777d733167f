import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { Select } from '../../components/ui/fields';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { formatDate, formatGbp } from '../../components/ui/labels';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { asPercent, MatchExplanation } from '../../components/matching/MatchExplanation';

const OurPublishedSolutionsDocument = graphql(`
  query OurPublishedSolutions {
    solutions(filter: { mine: true, status: PUBLISHED }, first: 50) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const RecommendedChallengesDocument = graphql(`
  query RecommendedChallenges($solutionId: ID!) {
    recommendedChallenges(solutionId: $solutionId, first: 10) {
      score
      challenge {
        id
        title
        summary
        budgetMaxGbp
        responseDeadline
        organisation {
          id
          name
        }
      }
      explanation {
        matchedTerms
        ...MatchExplanation_Explanation
      }
    }
  }
`);

function Recommendations({ solutionId }: { solutionId: string }) {
  const { data, loading, error, refetch } = useQuery(RecommendedChallengesDocument, { variables: { solutionId } });
  if (loading && !data) return <Loading label="Finding challenges that fit…" />;
  if (error) return <QueryError error={error} retry={() => void refetch()} />;
  const recommendations = data?.recommendedChallenges ?? [];
  if (recommendations.length === 0) return <p className="govuk-body">No open challenge fits this solution well at the moment.</p>;
  return (
    <ol className="govuk-list">
      {recommendations.map(({ challenge, score, explanation }) => (
        <li key={challenge.id} className="app-search-hit">
          <h2 className="govuk-heading-s govuk-!-margin-bottom-2">
            <Link className="govuk-link" to={`/challenges/${challenge.id}`}>
              {challenge.title}
            </Link>
          </h2>
          <p className="govuk-body-s govuk-!-margin-bottom-2">
            {challenge.organisation.name} · Budget up to {formatGbp(challenge.budgetMaxGbp)} · Closes {formatDate(challenge.responseDeadline)}
          </p>
          <p className="govuk-body">{challenge.summary}</p>
          <p className="govuk-body">
            Fit: <strong>{asPercent(score)}</strong>
            {explanation.matchedTerms.length > 0 && <> · shares the words {explanation.matchedTerms.slice(0, 5).join(', ')}</>}
          </p>
          <details className="govuk-details govuk-!-margin-bottom-2">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">
                Why this challenge<span className="govuk-visually-hidden">: {challenge.title}</span>
              </span>
            </summary>
            <div className="govuk-details__text">
              <MatchExplanation explanation={explanation} />
            </div>
          </details>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/challenges/${challenge.id}/respond`}>
              Respond<span className="govuk-visually-hidden"> to {challenge.title}</span>
            </Link>
          </p>
        </li>
      ))}
    </ol>
  );
}

export default function RecommendedChallengesPage() {
  usePageTitle('Recommended challenges');
  const [params, setParams] = useSearchParams();
  const { data, loading, error, refetch } = useQuery(OurPublishedSolutionsDocument);
  const solutions = data?.solutions.edges.map(({ node }) => node) ?? [];
  const chosen = solutions.find((solution) => solution.id === params.get('solution')) ?? solutions[0];
  return (
    <>
      <h1 className="govuk-heading-l">Recommended challenges</h1>
      <p className="govuk-body">Open challenges that fit one of your published solutions, best fit first, with why.</p>
      {loading && !data && <Loading />}
      {error && <QueryError error={error} retry={() => void refetch()} />}
      {data && solutions.length === 0 && (
        <p className="govuk-body">
          Publish a solution to get recommendations.{' '}
          <Link className="govuk-link" to="/my/solutions">
            Your solutions
          </Link>
        </p>
      )}
      {chosen && (
        <>
          {solutions.length > 1 && (
            <Select
              id="recommendations-solution"
              label="For which solution?"
              value={chosen.id}
              onChange={(solution) => setParams({ solution }, { replace: true })}
              options={solutions.map((solution) => ({ value: solution.id, label: solution.name }))}
            />
          )}
          {solutions.length === 1 && <p className="govuk-body">For {chosen.name}.</p>}
          <Recommendations solutionId={chosen.id} />
        </>
      )}
    </>
  );
}
