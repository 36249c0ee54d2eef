import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { invalidateIssue } from './issue';
import type { NewLink } from './types';

/**
 * Links are read from the issue itself (`issue.links`, the same list as GET .../links); adding
 * or removing one refreshes the issue, and the other issue (whose links change too).
 */
export function useAddLink(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (link: NewLink) =>
      unwrap(api.POST('/api/v1/issues/{key}/links', { params: { path: { key } }, body: link })),
    onSuccess: async (_link, variables) => {
      void invalidateIssue(client, variables.issue);
      await invalidateIssue(client, key);
    },
  });
}

export function useRemoveLink(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id }: { id: number; otherKey: string }) =>
      unwrap(api.DELETE('/api/v1/links/{id}', { params: { path: { id } } })),
    onSuccess: async (_data, variables) => {
      void invalidateIssue(client, variables.otherKey);
      await invalidateIssue(client, key);
    },
  });
}
