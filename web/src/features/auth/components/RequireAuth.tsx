import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { isStaff, useSession } from '@/api/session';
import { PageError } from '@/components/PageError';
import { PageLoader } from '@/components/PageLoader';
import { paths } from '@/lib/paths';

export interface RequireAuthProps {
  /** `staff`: agents and admins only; customers are sent to the help center. */
  allow?: 'any' | 'staff';
  /** Rendered when allowed; defaults to the child routes (<Outlet />). */
  children?: ReactNode;
}

/**
 * Route guard: waits for GET /api/v1/session, sends signed-out users to /login?next=<here>,
 * and keeps customers out of the agent workspace.
 */
export function RequireAuth({ allow = 'any', children }: RequireAuthProps) {
  const location = useLocation();
  const session = useSession();

  if (session.isPending) return <PageLoader fullScreen label="Checking your session" />;
  if (session.isError && session.data === undefined) {
    return <PageError error={session.error} title="Cannot check your session" onRetry={() => void session.refetch()} />;
  }
  if (!session.data) {
    const here = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={paths.login(here === '/' ? undefined : here)} replace />;
  }
  if (allow === 'staff' && !isStaff(session.data.user)) {
    return <Navigate to={paths.portal()} replace />;
  }
  return <>{children ?? <Outlet />}</>;
}
