import { useState, type FormEvent } from 'react';
import type { MatchRejectionReason } from '../../gql/graphql';
import type { SummaryError } from '../../components/ui/ErrorSummary';
import { MOVE_LABELS, movesFor, type MovePermissions, type MoveTarget } from './moves';
import { REJECTION_REASON_OPTIONS } from './labels';

export interface MoveDetails {
  reason?: MatchRejectionReason;
  note?: string;
}

export type MoveHandler = (target: MoveTarget, details: MoveDetails) => void;

/**
 * The keyboard way to move a card: choose a column in a select, give a reason when rejecting, press
 * Move. It is the only way to move one, so it works for everyone, with or without a mouse.
 */
export function MoveControl({
  matchId,
  name,
  can,
  onMove,
  onInvalid,
  busy,
}: {
  matchId: string;
  /** What the card is called, so each control's label says which match it moves. */
  name: string;
  can: MovePermissions;
  onMove: MoveHandler;
  onInvalid: (errors: SummaryError[]) => void;
  busy?: boolean;
}) {
  const moves = movesFor(can);
  const [target, setTarget] = useState<MoveTarget | ''>('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const ids = { target: `move-${matchId}`, reason: `move-${matchId}-reason`, note: `move-${matchId}-note` };

  if (moves.length === 0) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: SummaryError[] = [];
    if (!target) problems.push({ fieldId: ids.target, text: `Choose where to move ${name}` });
    if (target === 'REJECTED' && !reason) problems.push({ fieldId: ids.reason, text: `Choose why ${name} is rejected` });
    if (target === 'REJECTED' && reason === 'OTHER' && !note.trim()) problems.push({ fieldId: ids.note, text: `Say why ${name} is rejected` });
    setErrors(Object.fromEntries(problems.map((problem) => [problem.fieldId, problem.text])));
    if (problems.length > 0 || !target) {
      onInvalid(problems);
      return;
    }
    onMove(target, target === 'REJECTED' ? { reason: reason as MatchRejectionReason, note: note.trim() || undefined } : { note: note.trim() || undefined });
  };

  const fieldClass = (id: string) => `govuk-form-group govuk-!-margin-bottom-2${errors[id] ? ' govuk-form-group--error' : ''}`;
  const errorText = (id: string) =>
    errors[id] && (
      <p id={`${id}-error`} className="govuk-error-message">
        <span className="govuk-visually-hidden">Error:</span> {errors[id]}
      </p>
    );

  return (
    <form className="app-move-control" onSubmit={submit} noValidate>
      <div className={fieldClass(ids.target)}>
        <label className="govuk-label govuk-label--s" htmlFor={ids.target}>
          Move to…{' '}<span className="govuk-visually-hidden">(moves {name})</span>
        </label>
        {errorText(ids.target)}
        <select
          className={`govuk-select${errors[ids.target] ? ' govuk-select--error' : ''}`}
          id={ids.target}
          value={target}
          aria-describedby={errors[ids.target] ? `${ids.target}-error` : undefined}
          onChange={(event) => setTarget(event.target.value as MoveTarget | '')}
        >
          <option value="">Choose a column</option>
          {moves.map((move) => (
            <option key={move} value={move}>
              {MOVE_LABELS[move]}
            </option>
          ))}
        </select>
      </div>
      {target === 'REJECTED' && (
        <div className={fieldClass(ids.reason)}>
          <label className="govuk-label" htmlFor={ids.reason}>
            Reason{' '}<span className="govuk-visually-hidden">for rejecting {name}</span>
          </label>
          {errorText(ids.reason)}
          <select
            className={`govuk-select${errors[ids.reason] ? ' govuk-select--error' : ''}`}
            id={ids.reason}
            value={reason}
            aria-describedby={errors[ids.reason] ? `${ids.reason}-error` : undefined}
            onChange={(event) => setReason(event.target.value)}
          >
            {REJECTION_REASON_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {target && (
        <div className={fieldClass(ids.note)}>
          <label className="govuk-label" htmlFor={ids.note}>
            Note{target === 'REJECTED' && reason === 'OTHER' ? '' : ' (optional)'}
            {' '}<span className="govuk-visually-hidden">on moving {name}</span>
          </label>
          {errorText(ids.note)}
          <textarea
            className={`govuk-textarea${errors[ids.note] ? ' govuk-textarea--error' : ''}`}
            id={ids.note}
            rows={2}
            value={note}
            aria-describedby={errors[ids.note] ? `${ids.note}-error` : undefined}
            onChange={(event) => setNote(event.target.value)}
          />
        </div>
      )}
      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" disabled={busy}>
        Move{' '}<span className="govuk-visually-hidden">{name}</span>
      </button>
    </form>
  );
}
