/**
 * Public surface of the reports feature: its routes, children of the agent workspace shell — a
 * project's reports and the "Changes by type" report. The pages load lazily (one chunk).
 */
import type { RouteObject } from 'react-router-dom';

export const reportsRoutes: RouteObject[] = [
  {
    path: 'projects/:projectKey/reports',
    lazy: async () => ({ Component: (await import('./routes')).ReportsPage }),
  },
  {
    path: 'projects/:projectKey/reports/changes-by-type',
    lazy: async () => ({ Component: (await import('./routes')).ChangesByTypePage }),
  },
];
