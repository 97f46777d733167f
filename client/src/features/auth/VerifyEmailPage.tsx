import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { verifyEmail } from '../../api/auth-api';
import { describeError } from '../../api/errors';
import { ErrorSummary } from '../../components/ui/ErrorSummary';
import { usePageTitle } from '../../components/ui/usePageTitle';

type Outcome = { state: 'waiting' } | { state: 'confirmed' } | { state: 'unusable' } | { state: 'failed'; message: string };

/**
 * The page behind the emailed `/verify-email/:token` link. The address is confirmed only when the
 * person presses the button: mail scanners that open links must not use up the one-time token.
 */
export default function VerifyEmailPage() {
  const { token = '' } = useParams();
  const [outcome, setOutcome] = useState<Outcome>({ state: 'waiting' });
  const [busy, setBusy] = useState(false);
  usePageTitle(outcome.state === 'confirmed' ? 'Your email address is confirmed' : 'Confirm your email address', outcome.state === 'failed');

  const onConfirm = async () => {
    setBusy(true);
    try {
      await verifyEmail(token);
      setOutcome({ state: 'confirmed' });
    } catch (error) {
      const problem = describeError(error);
      setOutcome(problem.code === 'INVALID_VERIFICATION' || problem.code === 'BAD_USER_INPUT' ? { state: 'unusable' } : { state: 'failed', message: problem.message });
    } finally {
      setBusy(false);
    }
  };

  if (outcome.state === 'confirmed') {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <div className="govuk-panel govuk-panel--confirmation">
            <h1 className="govuk-panel__title">Your email address is confirmed</h1>
          </div>
          <p className="govuk-body">You can now sign in with the email address and password you registered with.</p>
          <Link className="govuk-button" to="/sign-in">
            Sign in
          </Link>
        </div>
      </div>
    );
  }

  if (outcome.state === 'unusable') {
    return (
      <>
        <h1 className="govuk-heading-l">This link cannot be used</h1>
        <p className="govuk-body">
          The link is invalid, has expired or has already been used. If you have already confirmed your address,{' '}
          <Link className="govuk-link" to="/sign-in">
            sign in
          </Link>
          . If the link has expired,{' '}
          <Link className="govuk-link" to="/register">
            register again
          </Link>{' '}
          with the same email address and we will send you a new one.
        </p>
      </>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={outcome.state === 'failed' ? [{ text: outcome.message }] : []} />
        <h1 className="govuk-heading-l">Confirm your email address</h1>
        <p className="govuk-body">Confirm that this is your email address to finish creating your Pilotline account.</p>
        <button type="button" className="govuk-button" disabled={busy} aria-disabled={busy} onClick={onConfirm}>
          {busy ? 'Confirming…' : 'Confirm email address'}
        </button>
      </div>
    </div>
  );
}
