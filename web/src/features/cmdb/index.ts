/**
 * Public surface of the CMDB (Assets) feature: its routes, children of the agent workspace
 * shell. The pages load lazily (one chunk); the graph library loads only on an object's Graph tab.
 */
import type { RouteObject } from 'react-router-dom';

export const cmdbRoutes: RouteObject[] = [
  {
    path: 'cmdb',
    lazy: async () => ({ Component: (await import('./routes')).SchemasPage }),
  },
  {
    path: 'cmdb/objects/:objectKey',
    lazy: async () => ({ Component: (await import('./routes')).ObjectPage }),
  },
  {
    path: 'cmdb/:schemaKey',
    lazy: async () => ({ Component: (await import('./routes')).SchemaPage }),
  },
  {
    path: 'projects/:projectKey/services',
    lazy: async () => ({ Component: (await import('./routes')).ServicesRedirect }),
  },
];
