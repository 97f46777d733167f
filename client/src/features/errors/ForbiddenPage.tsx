import { Link } from 'react-router';
import { usePageTitle } from '../../components/ui/usePageTitle';

export function ForbiddenPage() {
  usePageTitle('You do not have access to this page');
  return (
    <>
      <h1 className="govuk-heading-l">You do not have access to this page</h1>
      <p className="govuk-body">This page is for a different kind of account, for example accelerator staff or a public body.</p>
      <p className="govuk-body">
        If you think you should have access, ask an owner of your organisation or the accelerator team.{' '}
        <Link className="govuk-link" to="/">
          Go to the home page
        </Link>
        .
      </p>
    </>
  );
}
