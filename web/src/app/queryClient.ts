import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '@/api/client';
import { queryKeys } from '@/api/keys';

/**
 * The app's query client. Client errors (4xx) are not retried; any 401 outside the session query
 * means the session ended, so the session is set to signed-out and RequireAuth sends the user to
 * the login page.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.queryKey[0] !== 'session') onUnauthenticated(error);
      },
    }),
    mutationCache: new MutationCache({ onError: (error) => onUnauthenticated(error) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        gcTime: 5 * 60_000,
        refetchOnWindowFocus: true,
        retry: (failureCount, error) => {
          if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
      },
      mutations: { retry: false },
    },
  });

  function onUnauthenticated(error: unknown): void {
    if (isApiError(error) && error.isUnauthenticated) {
      client.setQueryData(queryKeys.session(), null);
    }
  }

  return client;
}
