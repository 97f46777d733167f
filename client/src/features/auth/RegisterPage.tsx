import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useApolloClient } from '@apollo/client/react';
import { register, type Registration } from '../../api/auth-api';
import { ErrorSummary } from '../../components/ui/ErrorSummary';
import { Choices, Select, TextInput } from '../../components/ui/fields';
import { fieldId, summaryOf, type FieldError } from '../../components/ui/form-errors';
import { useFormSubmission } from '../../components/ui/useFormSubmission';
import { optionsOf, PUBLIC_BODY_TYPE_LABELS, REGION_LABELS } from '../../components/ui/labels';
import { usePageTitle } from '../../components/ui/usePageTitle';

const LABELS: Record<string, string> = {
  name: 'Full name',
  email: 'Email address',
  password: 'Password',
  'organisation.kind': 'Type of organisation',
  'organisation.publicBodyType': 'Kind of public body',
  'organisation.name': 'Organisation name',
  'organisation.region': 'Region',
};

export default function RegisterPage() {
  const [params] = useSearchParams();
  const invitationToken = params.get('invitation') ?? undefined;
  const navigate = useNavigate();
  const client = useApolloClient();
  const [form, setForm] = useState({ name: '', email: '', password: '', kind: '', publicBodyType: 'COUNCIL', organisationName: '', region: '' });
  const [awaitingEmail, setAwaitingEmail] = useState(false);
  const set = (key: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [key]: value }));

  const validate = (): FieldError[] => {
    const problems: FieldError[] = [];
    if (!form.name.trim()) problems.push({ field: 'name', message: 'Enter your full name' });
    if (!form.email.trim()) problems.push({ field: 'email', message: 'Enter your email address' });
    if (form.password.length < 12) problems.push({ field: 'password', message: 'Password must be at least 12 characters' });
    if (!invitationToken) {
      if (!form.kind) problems.push({ field: 'organisation.kind', message: 'Select the type of organisation' });
      if (!form.organisationName.trim()) problems.push({ field: 'organisation.name', message: 'Enter the name of your organisation' });
    }
    return problems;
  };

  const save = async () => {
    const registration: Registration = { name: form.name.trim(), email: form.email.trim(), password: form.password };
    if (invitationToken) registration.invitationToken = invitationToken;
    else {
      registration.organisation = {
        name: form.organisationName.trim(),
        kind: form.kind as 'PUBLIC_BODY' | 'STARTUP',
        ...(form.kind === 'PUBLIC_BODY' ? { publicBodyType: form.publicBodyType } : {}),
        ...(form.region ? { region: form.region } : {}),
      };
    }
    const { signedIn } = await register(registration);
    if (!signedIn) {
      setAwaitingEmail(true);
      return;
    }
    await client.resetStore();
    navigate(invitationToken ? '/organisation' : '/', { replace: true });
  };

  const { errors, saving, onSubmit, errorOf } = useFormSubmission({ validate, save, labelOf: (field) => LABELS[field] });
  usePageTitle(awaitingEmail ? 'Check your email' : 'Create an account', errors.length > 0);

  if (awaitingEmail) {
    return (
      <>
        <h1 className="govuk-heading-l">Check your email</h1>
        <p className="govuk-body">We have sent a link to {form.email}. Follow it to confirm your email address, then sign in.</p>
      </>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryOf(errors)} />
        <h1 className="govuk-heading-l">Create an account</h1>
        {invitationToken && <p className="govuk-body">You will join the organisation that invited you. Use the email address the invitation was sent to.</p>}
        <form onSubmit={onSubmit} noValidate>
          <TextInput id={fieldId('name')} label={LABELS.name} autoComplete="name" value={form.name} onChange={set('name')} error={errorOf('name')} />
          <TextInput
            id={fieldId('email')}
            label={LABELS.email}
            type="email"
            autoComplete="email"
            spellCheck={false}
            value={form.email}
            onChange={set('email')}
            error={errorOf('email')}
          />
          <TextInput
            id={fieldId('password')}
            label={LABELS.password}
            hint="At least 12 characters. A few unrelated words make a strong password."
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={set('password')}
            error={errorOf('password')}
          />
          {!invitationToken && (
            <>
              <Choices
                id={fieldId('organisation.kind')}
                legend={LABELS['organisation.kind']}
                legendClassName="govuk-fieldset__legend--m"
                type="radio"
                options={[
                  { value: 'PUBLIC_BODY', label: 'Public body', hint: 'A council, NHS trust, police force, department or other public body' },
                  { value: 'STARTUP', label: 'Start-up', hint: 'A company offering a solution to public bodies' },
                ]}
                selected={form.kind ? [form.kind] : []}
                onChange={([kind]) => set('kind')(kind ?? '')}
                error={errorOf('organisation.kind')}
              />
              {form.kind === 'PUBLIC_BODY' && (
                <Select
                  id={fieldId('organisation.publicBodyType')}
                  label={LABELS['organisation.publicBodyType']}
                  options={optionsOf(PUBLIC_BODY_TYPE_LABELS)}
                  value={form.publicBodyType}
                  onChange={set('publicBodyType')}
                  error={errorOf('organisation.publicBodyType')}
                />
              )}
              <TextInput
                id={fieldId('organisation.name')}
                label={LABELS['organisation.name']}
                autoComplete="organization"
                value={form.organisationName}
                onChange={set('organisationName')}
                error={errorOf('organisation.name')}
              />
              <Select
                id={fieldId('organisation.region')}
                label={`${LABELS['organisation.region']} (optional)`}
                options={[{ value: '', label: 'Choose a region' }, ...optionsOf(REGION_LABELS)]}
                value={form.region}
                onChange={set('region')}
                error={errorOf('organisation.region')}
              />
            </>
          )}
          <button type="submit" className="govuk-button" disabled={saving}>
            {saving ? 'Creating your account…' : 'Create account'}
          </button>
        </form>
        <p className="govuk-body">
          Already have an account?{' '}
          <Link className="govuk-link" to="/sign-in">
            Sign in
          </Link>
        </p>
      </div>
    </div>
  );
}
