import { useState } from 'react';
import { RouterProvider } from 'react-router-dom';
import { sessionQueryOptions } from '@/api/session';
import { AppProviders } from './AppProviders';
import { createQueryClient } from './queryClient';
import { createAppRouter } from './router';
import { ROUTER_PROVIDER_FUTURE } from './routerFuture';

/** The whole app: providers around the router. */
export function App() {
  const [queryClient] = useState(() => {
    const client = createQueryClient();
    // Every first screen waits for the session: ask for it while the route chunks load.
    void client.prefetchQuery(sessionQueryOptions());
    return client;
  });
  const [router] = useState(createAppRouter);
  return (
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} future={ROUTER_PROVIDER_FUTURE} />
    </AppProviders>
  );
}
