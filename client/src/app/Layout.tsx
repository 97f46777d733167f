import { useEffect, useRef, type ReactNode } from 'react';
import { Link, NavLink, Outlet, useLocation, useMatch, useNavigate } from 'react-router';
import { useApolloClient } from '@apollo/client/react';
import { signOut } from '../api/auth-api';
import { isStaff, membershipsOfKind, useViewer } from '../api/session';
import { NotificationBadge } from '../features/notifications/NotificationBadge';

function NavItem({ to, children, badge }: { to: string; children: string; badge?: ReactNode }) {
  const active = useMatch({ path: to, end: to === '/' }) !== null;
  return (
    <li className={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`}>
      <NavLink to={to} className="govuk-service-navigation__link">
        {active ? <strong className="govuk-service-navigation__active-fallback">{children}</strong> : children}
        {badge}
      </NavLink>
    </li>
  );
}

function Navigation() {
  const { viewer } = useViewer();
  const client = useApolloClient();
  const navigate = useNavigate();
  const items: [string, string][] = [['/challenges', 'Find challenges']];
  if (membershipsOfKind(viewer, 'PUBLIC_BODY').length > 0) items.push(['/my/challenges', 'Our challenges']);
  const startup = membershipsOfKind(viewer, 'STARTUP').length > 0;
  if (startup) items.push(['/my/solutions', 'Our solutions'], ['/my/responses', 'Our responses'], ['/my/recommendations', 'Recommended']);
  if (startup || membershipsOfKind(viewer, 'PUBLIC_BODY').length > 0) items.push(['/introductions', 'Introductions'], ['/pilots', 'Pilots']);
  if (isStaff(viewer)) items.push(['/review', 'Review queue'], ['/curation', 'Curation'], ['/pilots-board', 'Pilots board'], ['/dashboard', 'Dashboard']);
  if (viewer) items.push(['/organisation', 'Organisation']);

  const onSignOut = async () => {
    await signOut().catch(() => undefined);
    // Leave the page first: its queries would otherwise refetch as a visitor and fail.
    await navigate('/signed-out');
    await client.resetStore().catch(() => undefined);
  };

  return (
    <section aria-label="Service information" className="govuk-service-navigation" data-module="govuk-service-navigation">
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
            <ul className="govuk-service-navigation__list" id="navigation">
              {items.map(([to, label]) => (
                <NavItem key={to} to={to}>
                  {label}
                </NavItem>
              ))}
              {viewer && (
                <NavItem to="/notifications" badge={<NotificationBadge />}>
                  Notifications
                </NavItem>
              )}
              {viewer ? (
                <li className="govuk-service-navigation__item">
                  <button type="button" className="govuk-service-navigation__link app-link-button" onClick={onSignOut}>
                    Sign out
                  </button>
                </li>
              ) : (
                <>
                  <NavItem to="/sign-in">Sign in</NavItem>
                  <NavItem to="/register">Create an account</NavItem>
                </>
              )}
            </ul>
          </nav>
        </div>
      </div>
    </section>
  );
}

/** Moves focus to the main content after each client-side navigation, as a full page load would. */
function useFocusOnNavigate() {
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);
  return main;
}

export function Layout() {
  const main = useFocusOnNavigate();
  const { viewer } = useViewer();
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      <header className="govuk-generic-header">
        <div className="govuk-generic-header__container govuk-width-container app-header__container">
          <div className="govuk-generic-header__logo">
            <Link to="/" className="govuk-generic-header__homepage-link">
              Pilotline
            </Link>
          </div>
          {viewer && (
            <p className="govuk-body-s app-header-user">
              Signed in as <span className="govuk-!-font-weight-bold">{viewer.name}</span>
            </p>
          )}
        </div>
      </header>
      <Navigation />
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper app-main" id="main-content" tabIndex={-1} ref={main}>
          <Outlet />
        </main>
      </div>
      <footer className="govuk-footer">
        <div className="govuk-width-container">
          <div className="govuk-footer__meta">
            <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
              <p className="govuk-body-s">Pilotline connects UK public bodies with start-ups for pilots.</p>
            </div>
          </div>
        </div>
      </footer>
    </>
  );
}
