/**
 * A rule's audit log, newest first, page after page ("Load more" passes the previous page's
 * `next` as `before`). It refreshes itself every few seconds while shown, since rules run in
 * the background after the changes that trigger them.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { AuditPage } from './types';

export const AUDIT_PAGE_SIZE = 25;
export const AUDIT_REFRESH_MS = 3000;

export async function getAuditPage(id: number, before?: number, signal?: AbortSignal): Promise<AuditPage> {
  const query: { limit: number; before?: number } = { limit: AUDIT_PAGE_SIZE };
  if (before !== undefined) query.before = before;
  return unwrap(
    api.GET('/api/v1/automation/rules/{id}/audit', { params: { path: { id }, query }, ...(signal ? { signal } : {}) }),
  );
}

/** The next page's cursor: only when the page was full (a shorter one is the last). */
export function nextAuditCursor(page: AuditPage): number | undefined {
  return page.values.length >= AUDIT_PAGE_SIZE && page.next !== undefined ? page.next : undefined;
}

export function useAudit(id: number, { autoRefresh = true }: { autoRefresh?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: queryKeys.automationAudit(id),
    queryFn: ({ pageParam, signal }) => getAuditPage(id, pageParam, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: nextAuditCursor,
    refetchInterval: autoRefresh ? AUDIT_REFRESH_MS : false,
  });
}
