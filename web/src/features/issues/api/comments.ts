import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { Comment } from '@/api/types';

export async function getComments(key: string): Promise<Comment[]> {
  const { values } = await unwrap(api.GET('/api/v1/issues/{key}/comments', { params: { path: { key } } }));
  return values;
}

/** Oldest first. */
export function useComments(key: string) {
  return useQuery({ queryKey: queryKeys.issuePart(key, 'comments'), queryFn: () => getComments(key) });
}

export interface NewCommentInput {
  body: string;
  /** true: an internal note; false: a reply the customer sees */
  internal: boolean;
}

function useInvalidateActivity(key: string) {
  const client = useQueryClient();
  // The issue's `updated` changes and the history records edits: refresh the whole issue.
  return () => client.invalidateQueries({ queryKey: queryKeys.issue(key) });
}

export function useAddComment(key: string) {
  const invalidate = useInvalidateActivity(key);
  return useMutation({
    mutationFn: (input: NewCommentInput) =>
      unwrap(api.POST('/api/v1/issues/{key}/comments', { params: { path: { key } }, body: input })),
    onSuccess: invalidate,
  });
}

export function useEditComment(key: string) {
  const invalidate = useInvalidateActivity(key);
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: string }) =>
      unwrap(
        api.PATCH('/api/v1/issues/{key}/comments/{id}', { params: { path: { key, id } }, body: { body } }),
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteComment(key: string) {
  const invalidate = useInvalidateActivity(key);
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(api.DELETE('/api/v1/issues/{key}/comments/{id}', { params: { path: { key, id } } })),
    onSuccess: invalidate,
  });
}
