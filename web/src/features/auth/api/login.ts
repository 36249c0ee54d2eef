import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { LoginRequest, LoginResponse, SessionInfo } from '@/api/types';

/** POST /api/v1/session: signs in; the answer sets the session cookie and carries the CSRF token. */
export async function login(credentials: LoginRequest): Promise<LoginResponse> {
  const answer = await unwrap(api.POST('/api/v1/session', { body: credentials }));
  setCsrfToken(answer.csrfToken);
  return answer;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (answer) => {
      // Whatever was cached belonged to whoever was signed in before.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      const session: SessionInfo = { user: answer.user, csrfToken: answer.csrfToken };
      queryClient.setQueryData(queryKeys.session(), session);
    },
  });
}
