import { useState } from 'react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { graphql, getFragmentData, makeFragmentData } from '../../gql';
import type { MatchRejectionReason, MatchStatus } from '../../gql/graphql';
import type { SummaryError } from '../../components/ui/ErrorSummary';
import { MATCH_STATUS } from '../../components/ui/labels';
import { describeError } from '../../api/errors';
import { countOf } from '../../components/ui/plural';
import { MOVE_LABELS, permissionsAfter, type MoveTarget } from './moves';
import type { MoveDetails } from './MoveControl';

// Every mutation asks back for exactly what a move changes, so an optimistic answer can be complete.
export const MatchMovedFragment = graphql(`
  fragment MatchMoved on Match {
    id
    status
    version
    rejectionReason
    viewerCan {
      shortlist
      introduce
      reject
      accept
      decline
      addNote
    }
  }
`);

const MatchStatusNowFragment = graphql(`
  fragment MatchStatusNow on Match {
    id
    status
  }
`);

const ShortlistMatchDocument = graphql(`
  mutation ShortlistMatch($input: MatchTransitionInput!) {
    shortlistMatch(input: $input) {
      ...MatchMoved
    }
  }
`);

const IntroduceMatchDocument = graphql(`
  mutation IntroduceMatch($input: MatchTransitionInput!) {
    introduceMatch(input: $input) {
      ...MatchMoved
    }
  }
`);

const RejectMatchDocument = graphql(`
  mutation RejectMatch($input: RejectMatchInput!) {
    rejectMatch(input: $input) {
      ...MatchMoved
    }
  }
`);

// Both bulk moves answer alike: the matches moved, and why each of the others was not.
const BulkMatchOutcomeFragment = graphql(`
  fragment BulkMatchOutcome on BulkMatchResult {
    succeeded {
      ...MatchMoved
    }
    failed {
      matchId
      code
      message
    }
  }
`);

const BulkShortlistDocument = graphql(`
  mutation BulkShortlistMatches($input: BulkShortlistMatchesInput!) {
    bulkShortlistMatches(input: $input) {
      ...BulkMatchOutcome
    }
  }
`);

const BulkRejectDocument = graphql(`
  mutation BulkRejectMatches($input: BulkRejectMatchesInput!) {
    bulkRejectMatches(input: $input) {
      ...BulkMatchOutcome
    }
  }
`);

const AddMatchNoteDocument = graphql(`
  mutation AddMatchNote($input: AddMatchNoteInput!) {
    addMatchNote(input: $input) {
      id
      staffNotes {
        at
        text
      }
    }
  }
`);

/** The card a move starts from: enough to name it in messages and to predict where it lands. */
export interface MovingMatch {
  id: string;
  name: string;
  version: number;
}

export interface BulkOutcome {
  moved: number;
  failed: number;
}

const RACE_CODES = new Set(['CONFLICT', 'VERSION_CONFLICT', 'INVALID_TRANSITION']);

/** CONFLICT names the state the match is in now; VERSION_CONFLICT only its version. */
function currentStateOf(error: unknown): MatchStatus | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const state = error.errors[0]?.extensions?.currentState;
  return typeof state === 'string' && state in MATCH_STATUS ? (state as MatchStatus) : undefined;
}

/**
 * Moves, bulk moves and notes for the curation pages, with what to tell the person after each:
 * a status line when it worked, the GOV.UK error summary when it did not. When someone else moved
 * the match first, the page's data is refreshed so the board shows where the match really is.
 */
export function useCurationActions({ refresh }: { refresh: () => Promise<unknown> }) {
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [status, setStatus] = useState('');
  const [pending, setPending] = useState<Set<string>>(new Set());
  // The card to focus once it has moved: it re-renders in another column and would otherwise lose focus.
  const [focusId, setFocusId] = useState<string | null>(null);
  const [shortlist] = useMutation(ShortlistMatchDocument);
  const [introduce] = useMutation(IntroduceMatchDocument);
  const [reject] = useMutation(RejectMatchDocument);
  const [bulkShortlist] = useMutation(BulkShortlistDocument);
  const [bulkReject] = useMutation(BulkRejectDocument);
  const [addNote] = useMutation(AddMatchNoteDocument);
  const client = useApolloClient();
  // After the refresh the cache holds where the match is now, whatever the error said.
  const statusNow = (id: string) => client.cache.readFragment({ id: client.cache.identify({ __typename: 'Match', id }), fragment: MatchStatusNowFragment })?.status;

  const track = (id: string, busy: boolean) =>
    setPending((current) => {
      const next = new Set(current);
      if (busy) next.add(id);
      else next.delete(id);
      return next;
    });

  const fail = async (match: MovingMatch, error: unknown, doing: string) => {
    const problem = describeError(error);
    if (RACE_CODES.has(problem.code)) {
      await refresh().catch(() => undefined);
      const now = currentStateOf(error) ?? statusNow(match.id);
      setErrors([
        {
          text: `Someone else moved ${match.name} while you were looking${now ? `: it is now ${MATCH_STATUS[now].label}` : ''}. The board has been refreshed, so check it and try again if you still want to.`,
        },
      ]);
    } else {
      setErrors([{ text: `${match.name} could not be ${doing}: ${problem.message}` }]);
    }
  };

  async function move(match: MovingMatch, target: MoveTarget, details: MoveDetails): Promise<boolean> {
    setErrors([]);
    setStatus('');
    track(match.id, true);
    const optimisticResponse = (to: MoveTarget) =>
      makeFragmentData(
        {
          __typename: 'Match' as const,
          id: match.id,
          status: to,
          version: match.version + 1,
          rejectionReason: to === 'REJECTED' ? (details.reason ?? null) : null,
          viewerCan: { __typename: 'MatchViewerCan' as const, ...permissionsAfter(to) },
        },
        MatchMovedFragment,
      );
    const base = { matchId: match.id, expectedVersion: match.version, note: details.note };
    try {
      if (target === 'SHORTLISTED') await shortlist({ variables: { input: base }, optimisticResponse: { shortlistMatch: optimisticResponse(target) } });
      else if (target === 'INTRODUCED') await introduce({ variables: { input: base }, optimisticResponse: { introduceMatch: optimisticResponse(target) } });
      else
        await reject({
          variables: { input: { ...base, reason: details.reason as MatchRejectionReason } },
          optimisticResponse: { rejectMatch: optimisticResponse(target) },
        });
      setFocusId(match.id);
      setStatus(`${match.name} moved to ${MOVE_LABELS[target]}.`);
      return true;
    } catch (error) {
      await fail(match, error, `moved to ${MOVE_LABELS[target]}`);
      return false;
    } finally {
      track(match.id, false);
    }
  }

  async function bulk(matchIds: string[], action: { kind: 'shortlist'; note?: string } | { kind: 'reject'; reason: MatchRejectionReason; note?: string }): Promise<BulkOutcome | null> {
    setErrors([]);
    setStatus('');
    try {
      const answer =
        action.kind === 'shortlist'
          ? (await bulkShortlist({ variables: { input: { matchIds, note: action.note } } })).data?.bulkShortlistMatches
          : (await bulkReject({ variables: { input: { matchIds, reason: action.reason, note: action.note } } })).data?.bulkRejectMatches;
      if (!answer) return null;
      const result = getFragmentData(BulkMatchOutcomeFragment, answer);
      const verb = action.kind === 'shortlist' ? 'shortlisted' : 'rejected';
      setStatus(`${countOf(result.succeeded.length, 'match', 'matches')} ${verb}.`);
      if (result.failed.length > 0) {
        setErrors(result.failed.map((failure) => ({ text: `One match could not be ${verb}: ${failure.message}` })));
        await refresh().catch(() => undefined);
      }
      return { moved: result.succeeded.length, failed: result.failed.length };
    } catch (error) {
      setErrors([{ text: `Nothing was ${action.kind === 'shortlist' ? 'shortlisted' : 'rejected'}: ${describeError(error).message}` }]);
      return null;
    }
  }

  async function note(match: MovingMatch, text: string): Promise<boolean> {
    setErrors([]);
    try {
      await addNote({ variables: { input: { matchId: match.id, text } } });
      setStatus(`Note saved on ${match.name}.`);
      return true;
    } catch (error) {
      await fail(match, error, 'given a note');
      return false;
    }
  }

  return { move, bulk, note, errors, setErrors, status, pending, focusId };
}
