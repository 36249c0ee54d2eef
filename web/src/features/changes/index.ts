/**
 * Public surface of the changes feature (change enablement, S6): its routes, children of the
 * agent workspace shell — the change calendar and the deployments of a project, and the change
 * management settings. The pages load lazily (one chunk). The issue view's change panels (risk,
 * approvals, plans, potential causes) are in features/issues; approvals in the help center in
 * features/portal.
 */
import type { RouteObject } from 'react-router-dom';

export const changesRoutes: RouteObject[] = [
  {
    path: 'projects/:projectKey/change-calendar',
    lazy: async () => ({ Component: (await import('./routes')).ChangeCalendarPage }),
  },
  {
    path: 'projects/:projectKey/deployments',
    lazy: async () => ({ Component: (await import('./routes')).DeploymentsPage }),
  },
  {
    path: 'settings/change-management',
    lazy: async () => ({ Component: (await import('./routes')).ChangeSettingsPage }),
  },
];
