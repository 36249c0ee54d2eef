/** Public surface of the search feature: its routes, children of the agent workspace shell. */
import type { RouteObject } from 'react-router-dom';

export const searchRoutes: RouteObject[] = [
  {
    path: 'search',
    lazy: async () => ({ Component: (await import('./routes')).SearchPage }),
  },
  {
    path: 'projects/:projectKey/list/:kind',
    lazy: async () => ({ Component: (await import('./routes')).IssueListPage }),
  },
];
