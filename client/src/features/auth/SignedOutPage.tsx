import { Link } from 'react-router';
import { usePageTitle } from '../../components/ui/usePageTitle';

export default function SignedOutPage() {
  usePageTitle('You have signed out');
  return (
    <>
      <h1 className="govuk-heading-l">You have signed out</h1>
      <p className="govuk-body">
        <Link className="govuk-link" to="/sign-in">
          Sign in again
        </Link>
      </p>
    </>
  );
}
