import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { isStaff, membershipsOfKind, signInPath, useViewer } from '../api/session';
import { Loading } from '../components/ui/Loading';
import { ForbiddenPage } from '../features/errors/ForbiddenPage';

export type Requirement = 'signed-in' | 'staff' | 'public-body' | 'startup';

/** Wraps a page that needs a signed-in user (and maybe a role); visitors go to sign-in and come back. */
export function RequireViewer({ children, role = 'signed-in' }: { children: ReactNode; role?: Requirement }) {
  const { viewer, loading } = useViewer();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!viewer) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  const allowed =
    role === 'signed-in' ||
    (role === 'staff' && isStaff(viewer)) ||
    (role === 'public-body' && membershipsOfKind(viewer, 'PUBLIC_BODY').length > 0) ||
    (role === 'startup' && membershipsOfKind(viewer, 'STARTUP').length > 0);
  return allowed ? <>{children}</> : <ForbiddenPage />;
}
