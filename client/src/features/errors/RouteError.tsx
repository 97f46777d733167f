import { isRouteErrorResponse, useRouteError } from 'react-router';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { NotFoundPage } from './NotFoundPage';

/** The last resort for a page that failed to load its code or threw while drawing. */
export function RouteError() {
  const error = useRouteError();
  usePageTitle('Sorry, there is a problem');
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <div className="govuk-width-container">
      <main className="govuk-main-wrapper" id="main-content">
        <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
        <p className="govuk-body">Try again later, or reload the page.</p>
      </main>
    </div>
  );
}
