/**
 * Public surface of the issues feature: its routes (children of the agent workspace shell) and
 * the create-issue dialog that app/ mounts in the CreateIssueProvider.
 */
import type { RouteObject } from 'react-router-dom';

export { LazyCreateIssueDialog as CreateIssueDialog } from './components/LazyCreateIssueDialog';

export const issuesRoutes: RouteObject[] = [
  {
    path: 'projects/:projectKey/issues/:issueKey',
    lazy: async () => ({ Component: (await import('./routes')).IssuePage }),
  },
  {
    path: 'browse/:issueKey',
    lazy: async () => ({ Component: (await import('./routes')).BrowseRedirect }),
  },
];
