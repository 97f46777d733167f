import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql, getFragmentData, makeFragmentData } from '../../gql';
import type { Introduction_MatchFragment } from '../../gql/graphql';
import { describeError } from '../../api/errors';
import { membershipsOfKind, useViewer } from '../../api/session';
import { ErrorSummary } from '../../components/ui/ErrorSummary';
import { Textarea } from '../../components/ui/fields';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { Tag } from '../../components/ui/Tag';
import { formatDate } from '../../components/ui/labels';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { MatchExplanation } from '../../components/matching/MatchExplanation';
import { introductionStanding } from './introduction-standing';

const IntroductionsDocument = graphql(`
  query Introductions {
    myIntroductions(first: 50) {
      totalCount
      edges {
        node {
          ...Introduction_Match
        }
      }
    }
  }
`);

const Introduction_MatchFragmentDoc = graphql(`
  fragment Introduction_Match on Match {
    id
    status
    version
    publicBodyAccepted
    startupAccepted
    declinedBy
    declineReason
    updatedAt
    viewerCan {
      accept
      decline
    }
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
  }
`);

// Fetched when its card is opened: with every explanation, the list would pass the API's query-cost limit.
const IntroductionExplanationDocument = graphql(`
  query IntroductionExplanation($id: ID!) {
    match(id: $id) {
      id
      explanation {
        ...MatchExplanation_Explanation
      }
    }
  }
`);

const AcceptIntroductionDocument = graphql(`
  mutation AcceptIntroduction($input: MatchTransitionInput!) {
    acceptMatch(input: $input) {
      ...Introduction_Match
    }
  }
`);

const DeclineIntroductionDocument = graphql(`
  mutation DeclineIntroduction($input: DeclineMatchInput!) {
    declineMatch(input: $input) {
      ...Introduction_Match
    }
  }
`);

const StartPilotDocument = graphql(`
  mutation StartPilot($input: StartPilotInput!) {
    startPilot(input: $input) {
      id
    }
  }
`);

type Introduction = Introduction_MatchFragment;

function IntroductionExplanation({ matchId }: { matchId: string }) {
  const { data, loading, error, refetch } = useQuery(IntroductionExplanationDocument, { variables: { id: matchId } });
  if (loading && !data) return <Loading />;
  if (error || !data?.match) return <QueryError error={error} retry={() => void refetch()} />;
  return <MatchExplanation explanation={data.match.explanation} />;
}
export type Side = 'PUBLIC_BODY' | 'STARTUP';

function DeclineForm({ introduction, onCancel }: { introduction: Introduction; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [decline, { loading }] = useMutation(DeclineIntroductionDocument);
  const id = `decline-reason-${introduction.id}`;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setError('Enter why you are declining this introduction');
    try {
      await decline({ variables: { input: { matchId: introduction.id, expectedVersion: introduction.version, reason: reason.trim() } } });
    } catch (declineError) {
      setError(describeError(declineError).message);
    }
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={error ? [{ fieldId: id, text: error }] : []} />
      <Textarea id={id} label="Why are you declining?" hint="The other side and the accelerator team will see this" rows={3} value={reason} onChange={setReason} error={error} />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--warning" disabled={loading}>
          Decline introduction
        </button>
        <button type="button" className="app-link-button govuk-body" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function IntroductionCard({ introduction, side }: { introduction: Introduction; side: Side }) {
  const [declining, setDeclining] = useState(false);
  const [explaining, setExplaining] = useState(false);
  const [problem, setProblem] = useState<string>();
  const navigate = useNavigate();
  const [accept, { loading: accepting }] = useMutation(AcceptIntroductionDocument);
  const [startPilot, { loading: starting }] = useMutation(StartPilotDocument);
  const standing = introductionStanding(introduction, side);
  const other = side === 'PUBLIC_BODY' ? introduction.solution.organisation.name : introduction.challenge.organisation.name;
  const headingId = `introduction-${introduction.id}`;

  const onAccept = async () => {
    setProblem(undefined);
    try {
      await accept({
        variables: { input: { matchId: introduction.id, expectedVersion: introduction.version } },
        // Accepting is safe to show at once: the server either agrees or the card shows its error.
        optimisticResponse: {
          acceptMatch: makeFragmentData(
            {
              ...introduction,
              ...(side === 'PUBLIC_BODY' ? { publicBodyAccepted: true } : { startupAccepted: true }),
              status: (side === 'PUBLIC_BODY' ? introduction.startupAccepted : introduction.publicBodyAccepted) ? 'ACCEPTED' : introduction.status,
              viewerCan: { ...introduction.viewerCan, accept: false },
            },
            Introduction_MatchFragmentDoc,
          ),
        },
      });
    } catch (acceptError) {
      setProblem(describeError(acceptError).message);
    }
  };
  const onOpenPilot = async () => {
    setProblem(undefined);
    try {
      const { data } = await startPilot({ variables: { input: { matchId: introduction.id } } });
      if (data) await navigate(`/pilots/${data.startPilot.id}`);
    } catch (startError) {
      setProblem(describeError(startError).message);
    }
  };

  return (
    <li className="app-search-hit" aria-labelledby={headingId}>
      <h2 className="govuk-heading-m govuk-!-margin-bottom-2" id={headingId}>
        <Link className="govuk-link" to={`/challenges/${introduction.challenge.id}`}>
          {introduction.challenge.title}
        </Link>
      </h2>
      <p className="govuk-body govuk-!-margin-bottom-2">
        {side === 'PUBLIC_BODY' ? (
          <>
            Solution <strong>{introduction.solution.name}</strong> from {other}
          </>
        ) : (
          <>
            Your solution <strong>{introduction.solution.name}</strong>, introduced to {other}
          </>
        )}
      </p>
      <p className="govuk-body">
        <Tag {...standing.tag} /> <span className="govuk-body-s">Updated {formatDate(introduction.updatedAt)}</span>
      </p>
      <p className="govuk-body">{standing.text}</p>
      {introduction.declineReason && (
        <div className="govuk-inset-text">
          Reason given: <span className="app-prose">{introduction.declineReason}</span>
        </div>
      )}
      <details className="govuk-details" onToggle={(event) => setExplaining(event.currentTarget.open)}>
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Why we introduced you</span>
        </summary>
        <div className="govuk-details__text">{explaining && <IntroductionExplanation matchId={introduction.id} />}</div>
      </details>
      {problem && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {problem}
        </p>
      )}
      {declining && introduction.viewerCan.decline ? (
        <DeclineForm introduction={introduction} onCancel={() => setDeclining(false)} />
      ) : (
        <div className="govuk-button-group">
          {introduction.viewerCan.accept && (
            <button type="button" className="govuk-button" onClick={onAccept} disabled={accepting}>
              Accept introduction
            </button>
          )}
          {introduction.viewerCan.decline && (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setDeclining(true)}>
              Decline
            </button>
          )}
          {introduction.status === 'ACCEPTED' && (
            <button type="button" className="govuk-button" onClick={onOpenPilot} disabled={starting}>
              Go to the pilot
            </button>
          )}
        </div>
      )}
    </li>
  );
}

export default function IntroductionsPage() {
  usePageTitle('Introductions');
  const { viewer } = useViewer();
  const { data, loading, error, refetch } = useQuery(IntroductionsDocument);
  const startupIds = new Set(membershipsOfKind(viewer, 'STARTUP').map((membership) => membership.organisation.id));
  const sideOf = (introduction: Introduction): Side => (startupIds.has(introduction.solution.organisation.id) ? 'STARTUP' : 'PUBLIC_BODY');
  const introductions = data?.myIntroductions.edges.map(({ node }) => getFragmentData(Introduction_MatchFragmentDoc, node)) ?? [];
  return (
    <>
      <h1 className="govuk-heading-l">Introductions</h1>
      <p className="govuk-body">The accelerator team introduces public bodies and start-ups whose challenge and solution fit. When both sides accept, the pilot can start.</p>
      {loading && !data && <Loading />}
      {error && <QueryError error={error} retry={() => void refetch()} />}
      {data && introductions.length === 0 && <p className="govuk-body">You have no introductions yet.</p>}
      {introductions.length > 0 && (
        <ul className="govuk-list">
          {introductions.map((introduction) => (
            <IntroductionCard key={introduction.id} introduction={introduction} side={sideOf(introduction)} />
          ))}
        </ul>
      )}
    </>
  );
}
