import { Link } from 'react-router';
import { isStaff, membershipsOfKind, useViewer } from '../../api/session';
import { Loading } from '../../components/ui/Loading';
import { usePageTitle } from '../../components/ui/usePageTitle';

function NextSteps() {
  const { viewer, loading } = useViewer();
  if (loading) return <Loading />;
  if (!viewer) {
    return (
      <>
        <p className="govuk-body">
          <Link to="/sign-in" className="govuk-button govuk-button--start" role="button" draggable={false}>
            Sign in
          </Link>
        </p>
        <p className="govuk-body">
          New to Pilotline?{' '}
          <Link className="govuk-link" to="/register">
            Create an account
          </Link>{' '}
          for your public body or start-up.
        </p>
      </>
    );
  }
  return (
    <ul className="govuk-list govuk-list--spaced">
      {membershipsOfKind(viewer, 'PUBLIC_BODY').length > 0 && (
        <>
          <li>
            <Link className="govuk-link" to="/challenges/new">
              Post a new challenge
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to="/my/challenges">
              See your challenges, questions and responses
            </Link>
          </li>
        </>
      )}
      {membershipsOfKind(viewer, 'STARTUP').length > 0 && (
        <>
          <li>
            <Link className="govuk-link" to="/challenges">
              Find open challenges to respond to
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to="/my/solutions">
              Manage your solutions and evidence
            </Link>
          </li>
        </>
      )}
      {isStaff(viewer) && (
        <li>
          <Link className="govuk-link" to="/review">
            Review challenges waiting to be published
          </Link>
        </li>
      )}
    </ul>
  );
}

export default function HomePage() {
  usePageTitle('Home');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Pilot new ideas with public services</h1>
        <p className="govuk-body-l">
          Councils, NHS trusts, police forces and departments post the problems they need solved. Start-ups respond with their solutions, and the
          accelerator team helps the best matches become pilots.
        </p>
        <NextSteps />
        <h2 className="govuk-heading-m">Looking for opportunities?</h2>
        <p className="govuk-body">
          <Link className="govuk-link" to="/challenges">
            Browse open challenges
          </Link>{' '}
          without signing in.
        </p>
      </div>
    </div>
  );
}
