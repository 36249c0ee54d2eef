/**
 * The signed-in user, shared by the shells and every feature (so it lives in the shared api/
 * layer rather than in features/auth). `null` means signed out: GET /api/v1/session answered 401.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken, unwrap } from './client';
import { queryKeys } from './keys';
import type { SessionInfo, User } from './types';

export async function getSession(): Promise<SessionInfo | null> {
  try {
    const session = await unwrap(api.GET('/api/v1/session'));
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error) && error.isUnauthenticated) {
      setCsrfToken(undefined);
      return null;
    }
    throw error;
  }
}

export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.session(),
    queryFn: getSession,
    staleTime: 5 * 60_000,
    retry: 1,
  });

export function useSession() {
  return useQuery(sessionQueryOptions());
}

/** Staff work in the agent workspace; customers only in the help center. */
export function isStaff(user: Pick<User, 'kind'>): boolean {
  return user.kind !== 'customer';
}

/**
 * The signed-in user inside a route guarded by RequireAuth (which waits for the session):
 * throws if used outside one.
 */
export function useCurrentUser(): User {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser() used outside a signed-in route');
  return data.user;
}
