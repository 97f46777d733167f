import { describeError } from '../../api/errors';

/** A failed load, said plainly, with a way to try again. */
export function QueryError({ error, retry }: { error: unknown; retry?: () => void }) {
  const problem = describeError(error);
  return (
    <div className="govuk-error-summary" role="alert">
      <h2 className="govuk-error-summary__title">Sorry, this could not be loaded</h2>
      <div className="govuk-error-summary__body">
        <p className="govuk-body">{problem.message}</p>
        {retry && (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => retry()}>
            Try again
          </button>
        )}
      </div>
    </div>
  );
}
