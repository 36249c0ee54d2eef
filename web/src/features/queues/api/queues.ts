import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { ListParams } from '@/api/keys';
import type { Queue, SearchResults } from '@/api/types';

export async function getQueues(projectKey: string): Promise<Queue[]> {
  const { queues } = await unwrap(
    api.GET('/api/v1/projects/{key}/queues', { params: { path: { key: projectKey } } }),
  );
  return queues;
}

export const queuesQueryOptions = (projectKey: string) =>
  queryOptions({ queryKey: queryKeys.queues(projectKey), queryFn: () => getQueues(projectKey) });

export function useQueues(projectKey: string) {
  return useQuery(queuesQueryOptions(projectKey));
}

export async function getQueue(id: number): Promise<Queue> {
  return unwrap(api.GET('/api/v1/queues/{id}', { params: { path: { id } } }));
}

export const queueQueryOptions = (id: number) =>
  queryOptions({ queryKey: queryKeys.queue(id), queryFn: () => getQueue(id) });

export function useQueue(id: number) {
  return useQuery(queueQueryOptions(id));
}

export interface QueueIssuesParams extends ListParams {
  limit?: number;
  cursor?: string;
}

export async function getQueueIssues(id: number, params: QueueIssuesParams): Promise<SearchResults> {
  const query: { limit?: number; cursor?: string } = {};
  if (params.limit !== undefined) query.limit = params.limit;
  if (params.cursor !== undefined) query.cursor = params.cursor;
  return unwrap(api.GET('/api/v1/queues/{id}/issues', { params: { path: { id }, query } }));
}

export const queueIssuesQueryOptions = (id: number, params: QueueIssuesParams = {}) =>
  queryOptions({
    queryKey: queryKeys.queueIssues(id, params),
    queryFn: () => getQueueIssues(id, params),
  });

export function useQueueIssues(id: number, params: QueueIssuesParams = {}) {
  return useQuery(queueIssuesQueryOptions(id, params));
}

/** "999+" when the server capped the count. */
export function formatQueueCount(queue: Pick<Queue, 'count' | 'countCapped'>): string {
  return queue.countCapped ? `${queue.count}+` : String(queue.count);
}
