import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { ErrorSummary } from '../../components/ui/ErrorSummary';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { Tag } from '../../components/ui/Tag';
import { CHALLENGE_STATUS } from '../../components/ui/labels';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { describeError, isNotFound } from '../../api/errors';
import { asPercent } from '../../components/matching/MatchExplanation';
import { countOf } from '../../components/ui/plural';
import { joinPages } from '../../api/pagination';
import { NextPageButton } from '../../components/ui/NextPageButton';
import { NotFoundPage } from '../errors/NotFoundPage';
import { BulkActions } from './BulkActions';
import { CurationBoard } from './CurationBoard';
import { matchCardFields } from './MatchCard';
import { ALL_MATCH_STATUSES } from './moves';
import { useCurationActions } from './useCurationActions';
import { useSelection } from './useSelection';
import './curation.scss';

const CurationBoardDocument = graphql(`
  query CurationBoard($challengeId: ID!, $statuses: [MatchStatus!], $after: String) {
    challenge(id: $challengeId) {
      id
      title
      status
      organisation {
        id
        name
      }
    }
    matchQueue(filter: { challengeId: $challengeId, statuses: $statuses }, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...MatchCard_Match
        }
      }
    }
  }
`);

const SuggestMatchesDocument = graphql(`
  mutation SuggestMatches($input: SuggestMatchesInput!) {
    suggestMatches(input: $input) {
      candidates
      suggested {
        id
      }
      nearMisses {
        score
        whyNot
        solution {
          id
          name
        }
      }
    }
  }
`);

/** Staff's board for one challenge: every match in a column by state, moved with the keyboard or in bulk. */
export default function CurationBoardPage() {
  const { challengeId = '' } = useParams();
  const { data, loading, error, refetch, fetchMore } = useQuery(CurationBoardDocument, { variables: { challengeId, statuses: ALL_MATCH_STATUSES } });
  usePageTitle(data?.challenge ? `Curate: ${data.challenge.title}` : 'Curation board');
  const actions = useCurationActions({ refresh: () => refetch() });
  const selection = useSelection();
  const [suggest, suggesting] = useMutation(SuggestMatchesDocument);
  const [run, setRun] = useState<{ candidates: number; suggested: number; nearMisses: { id: string; name: string; score: number; whyNot: string[] }[] } | null>(null);

  if (loading && !data) return <Loading />;
  if ((error && isNotFound(error)) || (data && !data.challenge)) return <NotFoundPage />;
  if (error || !data?.challenge) return <QueryError error={error} retry={() => void refetch()} />;
  const challenge = data.challenge;
  const matches = data.matchQueue.edges.map((edge) => edge.node);
  const byId = new Map(matches.map((ref) => [ref.id, matchCardFields(ref)]));
  const moving = (id: string) => {
    const fields = byId.get(id);
    return { id, name: fields?.solution.name ?? 'The match', version: fields?.version ?? 0 };
  };

  const runMatcher = async () => {
    actions.setErrors([]);
    try {
      const result = (await suggest({ variables: { input: { challengeId } } })).data?.suggestMatches;
      if (result) {
        setRun({
          candidates: result.candidates,
          suggested: result.suggested.length,
          nearMisses: result.nearMisses.map((miss) => ({ id: miss.solution.id, name: miss.solution.name, score: miss.score, whyNot: miss.whyNot })),
        });
      }
      await refetch();
    } catch (runError) {
      actions.setErrors([{ text: `The matcher could not run: ${describeError(runError).message}` }]);
    }
  };

  const bulk = async (action: Parameters<typeof actions.bulk>[1]) => {
    const outcome = await actions.bulk([...selection.selected], action);
    if (outcome) selection.clear();
  };

  return (
    <>
      <ErrorSummary errors={actions.errors} />
      <p className="govuk-body">
        <Link className="govuk-back-link govuk-!-margin-top-0" to="/curation">
          Back to the curation queue
        </Link>
      </p>
      <span className="govuk-caption-l">{challenge.organisation.name}</span>
      <h1 className="govuk-heading-l">Curate matches: {challenge.title}</h1>
      <p className="govuk-body">
        <Tag {...CHALLENGE_STATUS[challenge.status]} /> · {countOf(data.matchQueue.totalCount, 'match', 'matches')} ·{' '}
        <Link className="govuk-link" to={`/challenges/${challenge.id}`}>
          Read the challenge
        </Link>
      </p>
      <div className="app-inline-actions">
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void runMatcher()} disabled={suggesting.loading}>
          {suggesting.loading ? 'Finding matches…' : 'Run the matcher now'}
        </button>
      </div>
      {run && (
        <div className="govuk-inset-text">
          <p className="govuk-body">
            The matcher scored {run.candidates} solutions and suggested {run.suggested}.
          </p>
          {run.nearMisses.length > 0 && (
            <details className="govuk-details govuk-!-margin-bottom-0">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">Near misses, and why not ({run.nearMisses.length})</span>
              </summary>
              <div className="govuk-details__text">
                <ul className="govuk-list">
                  {run.nearMisses.map((miss) => (
                    <li key={miss.id}>
                      <strong>{miss.name}</strong> ({asPercent(miss.score)}): {miss.whyNot.join('; ')}
                    </li>
                  ))}
                </ul>
              </div>
            </details>
          )}
        </div>
      )}
      <p className="govuk-visually-hidden" role="status" aria-live="polite">
        {actions.status}
      </p>
      {actions.status && <p className="govuk-body govuk-!-font-weight-bold" aria-hidden="true">{actions.status}</p>}
      {matches.length === 0 ? (
        <p className="govuk-body">No matches yet. Run the matcher to find solutions for this challenge.</p>
      ) : (
        <>
          <BulkActions
            count={selection.selected.size}
            onShortlist={() => void bulk({ kind: 'shortlist' })}
            onReject={(reason, note) => void bulk({ kind: 'reject', reason, note })}
            onInvalid={actions.setErrors}
            onClear={selection.clear}
          />
          <CurationBoard
            matches={matches}
            selected={selection.selected}
            pending={actions.pending}
            focusId={actions.focusId}
            handlers={{
              onMove: (id, target, details) => void actions.move(moving(id), target, details),
              onInvalid: actions.setErrors,
              onAddNote: (id, text) => actions.note(moving(id), text),
              onSelect: selection.toggle,
            }}
          />
          <NextPageButton
            pageInfo={data.matchQueue.pageInfo}
            label="Show the next 50 matches"
            onNext={(after) =>
              fetchMore({
                variables: { after },
                updateQuery: (previous, { fetchMoreResult }) => ({ ...previous, matchQueue: joinPages(previous.matchQueue, fetchMoreResult.matchQueue, 'edges') }),
              })
            }
          />
        </>
      )}
    </>
  );
}
