/** Public surface of the portal (help center) feature: routes relative to /portal (PortalShell). */
import type { RouteObject } from 'react-router-dom';

const load = () => import('./routes');

export const portalRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await load()).PortalHomePage }) },
  { path: 'requests', lazy: async () => ({ Component: (await load()).MyRequestsPage }) },
  { path: 'requests/:issueKey', lazy: async () => ({ Component: (await load()).RequestPage }) },
  { path: ':portalId', lazy: async () => ({ Component: (await load()).PortalPage }) },
  {
    path: ':portalId/create/:requestTypeId',
    lazy: async () => ({ Component: (await load()).CreateRequestPage }),
  },
];
