import { Link } from 'react-router';
import { usePageTitle } from '../../components/ui/usePageTitle';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <>
      <h1 className="govuk-heading-l">Page not found</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">If you followed a link, the page may have moved, or you may not have access to it.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Go to the Pilotline home page
        </Link>
      </p>
    </>
  );
}

export default NotFoundPage;
