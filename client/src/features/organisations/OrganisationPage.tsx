import { useEffect, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { OrganisationDetailsQuery } from '../../gql/graphql';
import { useViewer } from '../../api/session';
import { ErrorSummary } from '../../components/ui/ErrorSummary';
import { DataTable, type Column } from '../../components/ui/DataTable';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { Select, Textarea, TextInput } from '../../components/ui/fields';
import { fieldId, summaryOf, type FieldError } from '../../components/ui/form-errors';
import { useFormSubmission } from '../../components/ui/useFormSubmission';
import { MEMBERSHIP_ROLE_LABELS, optionsOf, REGION_LABELS } from '../../components/ui/labels';
import { usePageTitle } from '../../components/ui/usePageTitle';

const OrganisationDetailsDocument = graphql(`
  query OrganisationDetails($id: ID!) {
    organisation(id: $id) {
      id
      name
      kind
      region
      website
      description
      verified
      members {
        userId
        name
        email
        role
      }
      viewerCan {
        update
        invite
        seeMembers
      }
    }
  }
`);

const UpdateOrganisationDocument = graphql(`
  mutation UpdateOrganisation($input: UpdateOrganisationInput!) {
    updateOrganisation(input: $input) {
      id
      name
      region
      website
      description
    }
  }
`);

const InviteMemberDocument = graphql(`
  mutation InviteMember($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      id
      email
      role
    }
  }
`);

type Organisation = NonNullable<OrganisationDetailsQuery['organisation']>;

const LABELS: Record<string, string> = { name: 'Organisation name', region: 'Region', website: 'Website', description: 'About the organisation' };

const MEMBER_COLUMNS: Column<Organisation['members'][number]>[] = [
  { key: 'name', header: 'Name', rowHeader: true, cell: (member) => member.name },
  { key: 'email', header: 'Email', cell: (member) => member.email },
  { key: 'role', header: 'Role', cell: (member) => MEMBERSHIP_ROLE_LABELS[member.role] },
];

function EditOrganisationForm({ organisation }: { organisation: Organisation }) {
  const [form, setForm] = useState({
    name: organisation.name,
    region: organisation.region ?? '',
    website: organisation.website ?? '',
    description: organisation.description ?? '',
  });
  const [saved, setSaved] = useState(false);
  const [update, { loading }] = useMutation(UpdateOrganisationDocument);
  const set = (key: keyof typeof form) => (value: string) => {
    setSaved(false);
    setForm((current) => ({ ...current, [key]: value }));
  };
  const validate = (): FieldError[] => (form.name.trim() ? [] : [{ field: 'name', message: 'Enter the organisation name' }]);
  const save = async () => {
    await update({
      variables: {
        input: {
          organisationId: organisation.id,
          name: form.name.trim(),
          ...(form.region ? { region: form.region as Organisation['region'] & string } : {}),
          ...(form.website.trim() ? { website: form.website.trim() } : {}),
          description: form.description.trim(),
        },
      },
    });
    setSaved(true);
  };
  const { errors, onSubmit, errorOf } = useFormSubmission({ validate, save, labelOf: (field) => LABELS[field] });
  usePageTitle(organisation.name, errors.length > 0);

  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={summaryOf(errors)} />
      {saved && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="saved-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="saved-title">
              Success
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">Your organisation’s details are saved.</p>
          </div>
        </div>
      )}
      <h2 className="govuk-heading-m">Details</h2>
      <TextInput id={fieldId('name')} label={LABELS.name} value={form.name} onChange={set('name')} error={errorOf('name')} />
      <Select
        id={fieldId('region')}
        label={LABELS.region}
        options={[{ value: '', label: 'Choose a region' }, ...optionsOf(REGION_LABELS)]}
        value={form.region}
        onChange={set('region')}
        error={errorOf('region')}
      />
      <TextInput
        id={fieldId('website')}
        label={`${LABELS.website} (optional)`}
        hint="For example, https://www.example.org"
        type="url"
        spellCheck={false}
        value={form.website}
        onChange={set('website')}
        error={errorOf('website')}
      />
      <Textarea id={fieldId('description')} label={`${LABELS.description} (optional)`} value={form.description} onChange={set('description')} error={errorOf('description')} />
      <button type="submit" className="govuk-button" disabled={loading}>
        Save details
      </button>
    </form>
  );
}

function InviteForm({ organisation }: { organisation: Organisation }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'MEMBER' | 'OWNER'>('MEMBER');
  const [sentTo, setSentTo] = useState<string>();
  const [invite, { loading }] = useMutation(InviteMemberDocument);
  const validate = (): FieldError[] => (email.trim() ? [] : [{ field: 'email', message: 'Enter the email address of the person to invite' }]);
  const save = async () => {
    await invite({ variables: { input: { organisationId: organisation.id, email: email.trim(), role } } });
    setSentTo(email.trim());
    setEmail('');
  };
  const { errors, onSubmit, errorOf } = useFormSubmission({ validate, save, labelOf: (field) => (field === 'email' ? 'Email address' : undefined) });

  return (
    <form onSubmit={onSubmit} noValidate>
      <h2 className="govuk-heading-m">Invite someone to join</h2>
      <ErrorSummary errors={summaryOf(errors)} />
      {sentTo && (
        <p className="govuk-inset-text" role="status">
          We have emailed an invitation to {sentTo}.
        </p>
      )}
      <TextInput
        id={fieldId('invite.email')}
        label="Email address"
        type="email"
        spellCheck={false}
        value={email}
        onChange={setEmail}
        error={errorOf('email')}
      />
      <Select
        id={fieldId('invite.role')}
        label="Role"
        options={optionsOf(MEMBERSHIP_ROLE_LABELS)}
        value={role}
        onChange={(value) => setRole(value as 'MEMBER' | 'OWNER')}
      />
      <button type="submit" className="govuk-button govuk-button--secondary" disabled={loading}>
        Send invitation
      </button>
    </form>
  );
}

function OrganisationDetails({ id }: { id: string }) {
  const { data, loading, error, refetch } = useQuery(OrganisationDetailsDocument, { variables: { id } });
  usePageTitle(data?.organisation?.name ?? 'Your organisation');
  if (loading && !data) return <Loading />;
  if (error) return <QueryError error={error} retry={() => void refetch()} />;
  const organisation = data?.organisation;
  if (!organisation) return <QueryError error={error} />;
  return (
    <>
      <span className="govuk-caption-l">Your organisation</span>
      <h1 className="govuk-heading-l">{organisation.name}</h1>
      {!organisation.verified && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            The accelerator team has not verified this organisation yet. You can prepare drafts; you can publish once it is verified.
          </strong>
        </div>
      )}
      {organisation.viewerCan.update ? (
        <EditOrganisationForm key={organisation.id} organisation={organisation} />
      ) : (
        <p className="govuk-body">Only owners of the organisation can change its details.</p>
      )}
      {organisation.viewerCan.seeMembers && (
        <>
          <h2 className="govuk-heading-m">Members</h2>
          <DataTable
            caption={`Members of ${organisation.name}`}
            captionSize="hidden"
            columns={MEMBER_COLUMNS}
            rows={organisation.members}
            rowKey={(member) => member.userId}
            empty="No members yet."
          />
        </>
      )}
      {organisation.viewerCan.invite && <InviteForm organisation={organisation} />}
    </>
  );
}

export default function OrganisationPage() {
  const { viewer } = useViewer();
  const memberships = viewer?.organisations ?? [];
  const [selected, setSelected] = useState(memberships[0]?.organisation.id);
  useEffect(() => {
    if (!selected && memberships[0]) setSelected(memberships[0].organisation.id);
  }, [memberships, selected]);
  if (!selected) return <p className="govuk-body">You are not a member of any organisation yet.</p>;
  return (
    <>
      {memberships.length > 1 && (
        <Select
          id="organisation-choice"
          label="Organisation"
          options={memberships.map((membership) => ({ value: membership.organisation.id, label: membership.organisation.name }))}
          value={selected}
          onChange={setSelected}
        />
      )}
      <OrganisationDetails key={selected} id={selected} />
    </>
  );
}
