import { useEffect, useRef } from 'react';

export interface SummaryError {
  /** The id of the field the error is about; the summary links to it. */
  fieldId?: string;
  text: string;
}

/**
 * The GOV.UK error summary: shown at the top of the form, focused as soon as it appears so screen
 * readers announce it, with a link to each field in error. It takes focus again when the errors change
 * or its form is submitted again, never merely because the page re-rendered: callers derive the list
 * afresh on every render, and taking focus then would pull it out of the field being corrected.
 */
export function ErrorSummary({ errors }: { errors: SummaryError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = useRef('');
  const resubmitted = useRef(false);
  const signature = errors.map((error) => `${error.fieldId ?? ''}:${error.text}`).join('\n');
  const visible = signature !== '';
  useEffect(() => {
    const form = visible ? ref.current?.closest('form') : null;
    if (!form) return;
    const onSubmit = () => {
      resubmitted.current = true;
    };
    form.addEventListener('submit', onSubmit);
    return () => form.removeEventListener('submit', onSubmit);
  }, [visible]);
  useEffect(() => {
    if (visible && (signature !== shown.current || resubmitted.current)) ref.current?.focus();
    shown.current = signature;
    resubmitted.current = false;
  });
  if (!visible) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((error) => (
              <li key={`${error.fieldId ?? ''}:${error.text}`}>
                {error.fieldId ? (
                  <a
                    href={`#${error.fieldId}`}
                    onClick={(event) => {
                      event.preventDefault();
                      document.getElementById(error.fieldId ?? '')?.focus();
                    }}
                  >
                    {error.text}
                  </a>
                ) : (
                  error.text
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
