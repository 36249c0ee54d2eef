import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InfiniteData } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { ListParams } from '@/api/keys';
import type { Queue, SearchResults } from '@/api/types';
import type { JqlSort } from '@/lib/jqlSyntax';
import { restrictToProject, withOrderBy } from '@/lib/jqlSyntax';

/** Issues per page of a queue. */
export const QUEUE_PAGE_SIZE = 50;

export async function getQueues(projectKey: string): Promise<Queue[]> {
  const { queues } = await unwrap(
    api.GET('/api/v1/projects/{key}/queues', { params: { path: { key: projectKey } } }),
  );
  return queues;
}

export const queuesQueryOptions = (projectKey: string) =>
  queryOptions({ queryKey: queryKeys.queues(projectKey), queryFn: () => getQueues(projectKey) });

/** The project's queues with live counts (refreshed by the live feed's invalidations). */
export function useQueues(projectKey: string) {
  return useQuery(queuesQueryOptions(projectKey));
}

export async function getQueue(id: number): Promise<Queue> {
  return unwrap(api.GET('/api/v1/queues/{id}', { params: { path: { id } } }));
}

export const queueQueryOptions = (id: number) =>
  queryOptions({ queryKey: queryKeys.queue(id), queryFn: () => getQueue(id) });

/** One queue; shown at once from the project's queue list when that is cached. */
export function useQueue(id: number, projectKey: string) {
  const client = useQueryClient();
  return useQuery({
    ...queueQueryOptions(id),
    placeholderData: () => client.getQueryData(queuesQueryOptions(projectKey).queryKey)?.find((q) => q.id === id),
  });
}

export interface QueueIssuesParams extends ListParams {
  limit?: number;
  cursor?: string;
}

/** GET /api/v1/queues/{id}/issues: a page of the queue in its own order. */
export async function getQueueIssues(id: number, params: QueueIssuesParams): Promise<SearchResults> {
  const query: { limit?: number; cursor?: string } = {};
  if (params.limit !== undefined) query.limit = params.limit;
  if (params.cursor !== undefined) query.cursor = params.cursor;
  return unwrap(api.GET('/api/v1/queues/{id}/issues', { params: { path: { id }, query } }));
}

/**
 * The JQL a queue runs when the user sorts it by a column: its own filter, restricted to its
 * project (as the server does for the queue), with the chosen ORDER BY.
 */
export function sortedQueueJql(queue: Pick<Queue, 'jql' | 'project'>, sort: JqlSort): string {
  return withOrderBy(restrictToProject(queue.jql, queue.project), [sort]);
}

/**
 * The queue's issues, page after page ("Load more"). In the queue's own order they come from
 * GET /api/v1/queues/{id}/issues; sorted by a column (the endpoint takes no order) from
 * GET /api/v1/search with the queue's query and the new ORDER BY, carrying the queue's columns.
 * Keys are under ['queue', id], so the live feed's invalidation of ['queue'] refreshes both.
 */
export function useQueueIssues(
  id: number,
  queue: Pick<Queue, 'jql' | 'project' | 'columns'> | undefined,
  sort: JqlSort | undefined,
) {
  const jql = sort && queue ? sortedQueueJql(queue, sort) : undefined;
  const params: ListParams = sort
    ? { limit: QUEUE_PAGE_SIZE, jql, fields: queue?.columns ?? [] }
    : { limit: QUEUE_PAGE_SIZE };
  return useInfiniteQuery({
    queryKey: [...queryKeys.queueIssues(id, params), 'pages'] as const,
    queryFn: ({ pageParam, signal }) => {
      if (jql === undefined) {
        const page: QueueIssuesParams = { limit: QUEUE_PAGE_SIZE };
        if (pageParam) page.cursor = pageParam;
        return getQueueIssues(id, page);
      }
      const query: { jql: string; fields?: string; limit: number; cursor?: string } = {
        jql,
        limit: QUEUE_PAGE_SIZE,
      };
      if (queue?.columns.length) query.fields = queue.columns.join(',');
      if (pageParam) query.cursor = pageParam;
      return unwrap(api.GET('/api/v1/search', { params: { query }, signal }));
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    enabled: sort === undefined || queue !== undefined,
    // Re-sorting the same queue keeps the rows on screen (dimmed) until the new order arrives.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === id ? (previous as InfiniteData<SearchResults, string | undefined>) : undefined,
  });
}

/** Stars or unstars a queue for the caller; the star shows at once and rolls back on failure. */
export function useStarQueue(projectKey: string) {
  const client = useQueryClient();
  const listKey = queuesQueryOptions(projectKey).queryKey;
  return useMutation({
    mutationFn: async ({ id, starred }: { id: number; starred: boolean }) => {
      const path = { params: { path: { id } } };
      await unwrap(starred ? api.PUT('/api/v1/queues/{id}/star', path) : api.DELETE('/api/v1/queues/{id}/star', path));
    },
    onMutate: async ({ id, starred }) => {
      await client.cancelQueries({ queryKey: listKey });
      const previous = client.getQueryData(listKey);
      client.setQueryData(listKey, (list) => list?.map((q) => (q.id === id ? { ...q, starred } : q)));
      client.setQueryData(queueQueryOptions(id).queryKey, (q) => (q ? { ...q, starred } : q));
      return { previous };
    },
    onError: (_error, { id, starred }, context) => {
      if (context?.previous) client.setQueryData(listKey, context.previous);
      client.setQueryData(queueQueryOptions(id).queryKey, (q) => (q ? { ...q, starred: !starred } : q));
    },
    onSettled: (_data, _error, { id }) => {
      void client.invalidateQueries({ queryKey: listKey });
      void client.invalidateQueries({ queryKey: queryKeys.queue(id), exact: true });
    },
  });
}

/** "999+" when the server capped the count. */
export function formatQueueCount(queue: Pick<Queue, 'count' | 'countCapped'>): string {
  return queue.countCapped ? `${queue.count}+` : String(queue.count);
}

/** The queue a project's Queues page opens: the first starred, else "All open tickets", else the first. */
export function defaultQueue(queues: readonly Queue[]): Queue | undefined {
  const ordered = [...queues].sort((a, b) => a.position - b.position);
  return (
    ordered.find((q) => q.starred) ??
    ordered.find((q) => q.name.toLowerCase() === 'all open tickets') ??
    ordered[0]
  );
}

export interface QueueGroupView {
  label: string;
  queues: Queue[];
}

/**
 * The queue list's sections: Starred (a starred queue shows only there), Team priority, then
 * Other queues; each in the queues' position order.
 */
export function groupQueues(queues: readonly Queue[]): QueueGroupView[] {
  const ordered = [...queues].sort((a, b) => a.position - b.position);
  const groups: QueueGroupView[] = [
    { label: 'Starred', queues: ordered.filter((q) => q.starred) },
    { label: 'Team priority', queues: ordered.filter((q) => !q.starred && q.group === 'Team priority') },
    { label: 'Other queues', queues: ordered.filter((q) => !q.starred && q.group !== 'Team priority') },
  ];
  return groups.filter((g) => g.queues.length > 0);
}
