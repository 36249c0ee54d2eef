/** Public surface of the queues feature: its routes, children of the agent workspace shell. */
import type { RouteObject } from 'react-router-dom';

export const queuesRoutes: RouteObject[] = [
  {
    path: 'projects/:projectKey/queues',
    lazy: async () => ({ Component: (await import('./routes')).QueuesPage }),
  },
  {
    path: 'projects/:projectKey/queues/:queueId',
    lazy: async () => ({ Component: (await import('./routes')).QueuePage }),
  },
];
