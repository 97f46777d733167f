import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useApolloClient } from '@apollo/client/react';
import { signIn } from '../../api/auth-api';
import { describeError } from '../../api/errors';
import { safeReturnPath } from '../../api/session';
import { ErrorSummary } from '../../components/ui/ErrorSummary';
import { TextInput } from '../../components/ui/fields';
import { errorFor, fieldId, type FieldError } from '../../components/ui/form-errors';
import { usePageTitle } from '../../components/ui/usePageTitle';

export default function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useApolloClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  usePageTitle('Sign in', errors.length > 0);
  const returnTo = safeReturnPath(params.get('returnTo'));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: FieldError[] = [];
    if (!email.trim()) missing.push({ field: 'email', message: 'Enter your email address' });
    if (!password) missing.push({ field: 'password', message: 'Enter your password' });
    setErrors(missing);
    if (missing.length > 0) return;
    setBusy(true);
    try {
      await signIn(email.trim(), password);
      // A query still in flight (the header's unread count polls) makes resetStore reject; the
      // person is signed in all the same, and the pages they go to fetch afresh.
      await client.resetStore().catch(() => undefined);
      navigate(returnTo, { replace: true });
    } catch (error) {
      const problem = describeError(error);
      setErrors([{ field: problem.code === 'INVALID_CREDENTIALS' ? 'email' : '', message: problem.message }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors.map((error) => ({ fieldId: error.field ? fieldId(error.field) : undefined, text: error.message }))} />
        {params.get('reason') === 'expired' && (
          <div className="govuk-notification-banner" role="region" aria-labelledby="session-ended-title">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="session-ended-title">
                Important
              </h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">Your session has ended. Sign in again to carry on where you were.</p>
            </div>
          </div>
        )}
        <h1 className="govuk-heading-l">Sign in</h1>
        <form onSubmit={onSubmit} noValidate>
          <TextInput id={fieldId('email')} label="Email address" type="email" autoComplete="email" spellCheck={false} value={email} onChange={setEmail} error={errorFor(errors, 'email')} />
          <TextInput
            id={fieldId('password')}
            label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            error={errorFor(errors, 'password')}
          />
          <button type="submit" className="govuk-button" disabled={busy} aria-disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="govuk-body">
          No account yet?{' '}
          <Link className="govuk-link" to="/register">
            Create an account
          </Link>
        </p>
      </div>
    </div>
  );
}
