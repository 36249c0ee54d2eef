import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, isApiError, setCsrfToken, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import { paths } from '@/lib/paths';

/** DELETE /api/v1/session: ends the session and clears the cookie. */
export async function logout(): Promise<void> {
  try {
    await unwrap(api.DELETE('/api/v1/session'));
  } catch (error) {
    // Already signed out (expired session): that is what we wanted.
    if (!(isApiError(error) && error.isUnauthenticated)) throw error;
  }
}

/** Signs out, forgets every cached answer and goes to the login page. */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      setCsrfToken(undefined);
      queryClient.clear();
      queryClient.setQueryData(queryKeys.session(), null);
      navigate(paths.login(), { replace: true });
    },
  });
}
