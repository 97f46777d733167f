import { useEffect, useRef, useState, type FormEvent, type SyntheticEvent } from 'react';
import { useQuery } from '@apollo/client/react';
import { graphql, getFragmentData, type FragmentType } from '../../gql';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { Tag } from '../../components/ui/Tag';
import type { SummaryError } from '../../components/ui/ErrorSummary';
import { MATCH_STATUS, formatDate } from '../../components/ui/labels';
import { MatchExplanation, asPercent } from '../../components/matching/MatchExplanation';
import { MoveControl, type MoveHandler } from './MoveControl';
import { REJECTION_REASON_LABELS, SOURCE_LABELS } from './labels';

export const MatchCard_MatchFragment = graphql(`
  fragment MatchCard_Match on Match {
    id
    status
    score
    source
    version
    rejectionReason
    declinedBy
    declineReason
    solution {
      id
      name
      organisation {
        id
        name
      }
    }
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

// The explanation and the notes are loaded when a card is opened: a board of them all at once
// would cost more than the API allows in one query.
const MatchDetailsDocument = graphql(`
  query MatchDetails($id: ID!) {
    match(id: $id) {
      id
      staffNotes {
        at
        text
      }
      explanation {
        ...MatchExplanation_Explanation
      }
    }
  }
`);

export type MatchCardRef = FragmentType<typeof MatchCard_MatchFragment>;

export function matchCardFields(ref: MatchCardRef) {
  return getFragmentData(MatchCard_MatchFragment, ref);
}

function NoteForm({ matchId, onAddNote }: { matchId: string; onAddNote: (text: string) => Promise<boolean> }) {
  const [text, setText] = useState('');
  const id = `note-${matchId}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    if (await onAddNote(text.trim())) setText('');
  };
  return (
    <form onSubmit={submit}>
      <div className="govuk-form-group govuk-!-margin-bottom-2">
        <label className="govuk-label" htmlFor={id}>
          Add a note only staff can see
        </label>
        <textarea className="govuk-textarea" id={id} rows={2} value={text} onChange={(event) => setText(event.target.value)} />
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
        Save note
      </button>
    </form>
  );
}

/** The parts of a card that open on request, fetched the first time either is opened. */
function MatchDetails({ matchId, name, canNote, onAddNote }: { matchId: string; name: string; canNote: boolean; onAddNote: (text: string) => Promise<boolean> }) {
  const [opened, setOpened] = useState(false);
  const { data, loading, error, refetch } = useQuery(MatchDetailsDocument, { variables: { id: matchId }, skip: !opened });
  const onToggle = (event: SyntheticEvent<HTMLDetailsElement>) => {
    if (event.currentTarget.open) setOpened(true);
  };
  const pending = (loading && !data && <Loading />) || (error && <QueryError error={error} retry={() => void refetch()} />);
  const notes = data?.match?.staffNotes ?? [];
  return (
    <>
      <details className="govuk-details govuk-!-margin-bottom-2" onToggle={onToggle}>
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">
            Why this score{' '}<span className="govuk-visually-hidden">for {name}</span>
          </span>
        </summary>
        <div className="govuk-details__text">{pending || (data?.match && <MatchExplanation explanation={data.match.explanation} headingLevel={4} />)}</div>
      </details>
      {canNote && (
        <details className="govuk-details govuk-!-margin-bottom-2" onToggle={onToggle}>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">
              Private staff notes{' '}<span className="govuk-visually-hidden">on {name}</span>
            </span>
          </summary>
          <div className="govuk-details__text">
            {pending}
            {notes.length > 0 && (
              <ul className="govuk-list govuk-body-s">
                {notes.map((note) => (
                  <li key={`${note.at}:${note.text}`}>
                    <span className="app-secondary-text">{formatDate(note.at)}:</span> {note.text}
                  </li>
                ))}
              </ul>
            )}
            {data && notes.length === 0 && <p className="govuk-body-s">No notes yet.</p>}
            <NoteForm matchId={matchId} onAddNote={onAddNote} />
          </div>
        </details>
      )}
    </>
  );
}

/**
 * One match on the board: who, the score and why, what it misses, and the controls to move it.
 * `focusOnMount` puts focus on its heading when it lands in a new column after a keyboard move.
 */
export function MatchCard({
  match: matchRef,
  selected,
  onSelect,
  onMove,
  onInvalid,
  onAddNote,
  focusOnMount,
  busy,
}: {
  match: MatchCardRef;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onMove: MoveHandler;
  onInvalid: (errors: SummaryError[]) => void;
  onAddNote: (text: string) => Promise<boolean>;
  focusOnMount?: boolean;
  busy?: boolean;
}) {
  const match = matchCardFields(matchRef);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);
  const name = match.solution.name;
  const headingId = `match-${match.id}-heading`;
  const selectable = match.viewerCan.shortlist || match.viewerCan.reject;
  return (
    <article className="app-match-card" aria-labelledby={headingId} data-match-id={match.id}>
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1" id={headingId} tabIndex={-1} ref={heading}>
        {name}
      </h3>
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        {match.solution.organisation.name}
      </p>
      <p className="govuk-body govuk-!-margin-bottom-1">
        <span className="app-match-score">Score {asPercent(match.score)}</span> <Tag {...MATCH_STATUS[match.status]} />
      </p>
      <p className="govuk-body-s app-secondary-text govuk-!-margin-bottom-2">From: {SOURCE_LABELS[match.source]}</p>
      {match.rejectionReason && <p className="govuk-body-s">Rejected: {REJECTION_REASON_LABELS[match.rejectionReason]}</p>}
      {match.declineReason && (
        <p className="govuk-body-s">
          Declined by the {match.declinedBy === 'PUBLIC_BODY' ? 'public body' : 'start-up'}: {match.declineReason}
        </p>
      )}
      {selectable && (
        <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-2">
          <div className="govuk-checkboxes__item">
            <input
              className="govuk-checkboxes__input"
              id={`select-${match.id}`}
              type="checkbox"
              checked={selected}
              onChange={(event) => onSelect(event.target.checked)}
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor={`select-${match.id}`}>
              Select{' '}<span className="govuk-visually-hidden">{name}</span> for a bulk action
            </label>
          </div>
        </div>
      )}
      <MatchDetails matchId={match.id} name={name} canNote={match.viewerCan.addNote} onAddNote={onAddNote} />
      <MoveControl key={match.status} matchId={match.id} name={name} can={match.viewerCan} onMove={onMove} onInvalid={onInvalid} busy={busy} />
    </article>
  );
}
