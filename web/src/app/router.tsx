/**
 * The route table. Shells and guards are composed here; each feature contributes its routes
 * (lazy route modules from src/features/<area>/routes.tsx) through its index.ts. The full table
 * with URLs is in web/README.md.
 */
import { Navigate, Outlet, createBrowserRouter, useParams } from 'react-router-dom';
import type { RouteObject } from 'react-router-dom';
import { RequireAuth, authRoutes } from '@/features/auth';
import { automationRoutes } from '@/features/automation';
import { changesRoutes } from '@/features/changes';
import { cmdbRoutes } from '@/features/cmdb';
import { issuesRoutes } from '@/features/issues';
import { portalRoutes } from '@/features/portal';
import { queuesRoutes } from '@/features/queues';
import { reportsRoutes } from '@/features/reports';
import { searchRoutes } from '@/features/search';
import { paths } from '@/lib/paths';
import { AgentShell } from './AgentShell';
import { ComingLaterPage } from './ComingLaterPage';
import { HomeRedirect } from './HomeRedirect';
import { NotFoundPage } from './NotFoundPage';
import { PortalShell } from './PortalShell';
import { COMING_AREAS } from './projectAreas';
import { RouteErrorBoundary } from './RouteErrorBoundary';
import { ROUTER_FUTURE } from './routerFuture';

function ProjectRedirect() {
  const { projectKey = '' } = useParams();
  return <Navigate to={paths.queues(projectKey)} replace />;
}

/** Areas a later capability fills; its feature replaces the entry with its own routes. */
const comingLaterRoutes: RouteObject[] = COMING_AREAS.map((area) => ({
  path: `projects/:projectKey/${area.slug}`,
  element: <ComingLaterPage area={area} />,
}));

export const routes: RouteObject[] = [
  {
    element: <Outlet />,
    errorElement: <RouteErrorBoundary />,
    children: [
      ...authRoutes,
      {
        element: <RequireAuth />,
        children: [
          { index: true, element: <HomeRedirect /> },
          {
            // The agent workspace: agents and admins.
            element: (
              <RequireAuth allow="staff">
                <AgentShell />
              </RequireAuth>
            ),
            children: [
              {
                // Errors of a page render inside the shell, which stays usable.
                errorElement: <RouteErrorBoundary />,
                children: [
                  { path: 'projects/:projectKey', element: <ProjectRedirect /> },
                  ...queuesRoutes,
                  ...issuesRoutes,
                  ...searchRoutes,
                  ...cmdbRoutes,
                  ...automationRoutes,
                  ...changesRoutes,
                  ...reportsRoutes,
                  ...comingLaterRoutes,
                  { path: '*', element: <NotFoundPage /> },
                ],
              },
            ],
          },
          {
            // The help center: customers, and staff who visit it.
            path: 'portal',
            element: <PortalShell />,
            children: [{ errorElement: <RouteErrorBoundary />, children: portalRoutes }],
          },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes, { future: ROUTER_FUTURE });
}
