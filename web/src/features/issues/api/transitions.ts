import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { AvailableTransition, Issue } from '@/api/types';
import { invalidateIssue } from './issue';
import type { TransitionRequest } from './types';

export async function getTransitions(key: string): Promise<AvailableTransition[]> {
  const { values } = await unwrap(
    api.GET('/api/v1/issues/{key}/transitions', { params: { path: { key } } }),
  );
  return values;
}

/** The transitions available now (empty for callers who may not transition). */
export function useTransitions(key: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.issuePart(key, 'transitions'),
    queryFn: () => getTransitions(key),
    enabled,
  });
}

export async function transitionIssue(key: string, body: TransitionRequest): Promise<Issue> {
  return unwrap(api.POST('/api/v1/issues/{key}/transitions', { params: { path: { key } }, body }));
}

export function useTransitionIssue(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TransitionRequest) => transitionIssue(key, body),
    onSuccess: (issue) => invalidateIssue(client, key, issue),
  });
}
