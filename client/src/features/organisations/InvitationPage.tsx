import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { describeError } from '../../api/errors';
import { signInPath, useViewer } from '../../api/session';
import { ErrorSummary } from '../../components/ui/ErrorSummary';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { formatDate, MEMBERSHIP_ROLE_LABELS } from '../../components/ui/labels';
import { usePageTitle } from '../../components/ui/usePageTitle';

const InvitationDocument = graphql(`
  query Invitation($token: String!) {
    invitation(token: $token) {
      id
      email
      role
      expiresAt
      organisation {
        id
        name
      }
    }
  }
`);

const AcceptInvitationDocument = graphql(`
  mutation AcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      id
      organisations {
        role
        organisation {
          id
          name
          kind
          verified
        }
      }
    }
  }
`);

export default function InvitationPage() {
  const { token = '' } = useParams();
  const { viewer, loading: viewerLoading } = useViewer();
  const { data, loading, error } = useQuery(InvitationDocument, { variables: { token }, fetchPolicy: 'network-only' });
  const [accept, { loading: accepting }] = useMutation(AcceptInvitationDocument);
  const [problem, setProblem] = useState<string>();
  const navigate = useNavigate();
  usePageTitle('Accept an invitation', !!problem);

  if ((loading && !data) || viewerLoading) return <Loading />;
  const invitation = data?.invitation;
  if (!invitation) {
    if (error && describeError(error).code !== 'INVALID_INVITATION') return <QueryError error={error} />;
    return (
      <>
        <h1 className="govuk-heading-l">This invitation cannot be used</h1>
        <p className="govuk-body">The link is invalid, has expired or has already been used. Ask the person who invited you to send a new one.</p>
      </>
    );
  }

  const onAccept = async () => {
    try {
      // The mutation answers with the viewer's memberships, so the cached session gains the new one.
      await accept({ variables: { input: { token } } });
      navigate('/organisation');
    } catch (acceptError) {
      setProblem(describeError(acceptError).message);
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={problem ? [{ text: problem }] : []} />
        <h1 className="govuk-heading-l">Join {invitation.organisation.name}</h1>
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Invitation for</dt>
            <dd className="govuk-summary-list__value">{invitation.email}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Role</dt>
            <dd className="govuk-summary-list__value">{MEMBERSHIP_ROLE_LABELS[invitation.role]}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Expires</dt>
            <dd className="govuk-summary-list__value">{formatDate(invitation.expiresAt)}</dd>
          </div>
        </dl>
        {viewer ? (
          <button type="button" className="govuk-button" onClick={onAccept} disabled={accepting}>
            Accept and join {invitation.organisation.name}
          </button>
        ) : (
          <>
            <p className="govuk-body">
              <Link className="govuk-button" role="button" draggable={false} to={`/register?invitation=${encodeURIComponent(token)}`}>
                Create an account to join
              </Link>
            </p>
            <p className="govuk-body">
              Already have an account?{' '}
              <Link className="govuk-link" to={signInPath(`/invitations/${token}`)}>
                Sign in to accept
              </Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
