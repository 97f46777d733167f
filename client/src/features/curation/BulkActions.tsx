import { useState } from 'react';
import type { MatchRejectionReason } from '../../gql/graphql';
import type { SummaryError } from '../../components/ui/ErrorSummary';
import { countOf } from '../../components/ui/plural';
import { REJECTION_REASON_OPTIONS } from './labels';

/** Shortlist or reject every selected match at once; each one succeeds or fails on its own. */
export function BulkActions({
  count,
  onShortlist,
  onReject,
  onInvalid,
  onClear,
}: {
  count: number;
  onShortlist: () => void;
  onReject: (reason: MatchRejectionReason, note?: string) => void;
  onInvalid: (errors: SummaryError[]) => void;
  onClear: () => void;
}) {
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [reasonError, setReasonError] = useState('');
  const rejectSelected = () => {
    if (!reason) {
      const text = 'Choose why the selected matches are rejected';
      setReasonError(text);
      onInvalid([{ fieldId: 'bulk-reason', text }]);
      return;
    }
    setReasonError('');
    onReject(reason as MatchRejectionReason, note.trim() || undefined);
  };
  return (
    <div className="app-bulk-actions" role="group" aria-labelledby="bulk-heading">
      <h2 className="govuk-heading-s govuk-!-margin-bottom-2" id="bulk-heading">
        Bulk actions: {countOf(count, 'match', 'matches')} selected
      </h2>
      <div className="app-inline-actions">
        <button type="button" className="govuk-button govuk-!-margin-bottom-2" disabled={count === 0} onClick={onShortlist}>
          Shortlist selected
        </button>
        <div className={`govuk-form-group govuk-!-margin-bottom-2${reasonError ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label" htmlFor="bulk-reason">
            Reason for rejecting
          </label>
          {reasonError && (
            <p id="bulk-reason-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {reasonError}
            </p>
          )}
          <select
            className={`govuk-select${reasonError ? ' govuk-select--error' : ''}`}
            id="bulk-reason"
            value={reason}
            aria-describedby={reasonError ? 'bulk-reason-error' : undefined}
            onChange={(event) => setReason(event.target.value)}
          >
            {REJECTION_REASON_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group govuk-!-margin-bottom-2">
          <label className="govuk-label" htmlFor="bulk-note">
            Note (optional)
          </label>
          <input className="govuk-input govuk-input--width-20" id="bulk-note" value={note} onChange={(event) => setNote(event.target.value)} />
        </div>
        <button type="button" className="govuk-button govuk-button--warning govuk-!-margin-bottom-2" disabled={count === 0} onClick={rejectSelected}>
          Reject selected
        </button>
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2" disabled={count === 0} onClick={onClear}>
          Clear selection
        </button>
      </div>
    </div>
  );
}
