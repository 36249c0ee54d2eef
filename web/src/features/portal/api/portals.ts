/** Portals and request types of the help center. */
import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { Portal, PortalDetail, RequestType } from './types';

/** Portals change rarely: a minute of freshness saves refetches while customers browse. */
const PORTAL_STALE_MS = 60_000;

export async function getPortals(): Promise<Portal[]> {
  const data = await unwrap(api.GET('/api/v1/portals'));
  return data.values;
}

export const portalsQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.portals(), queryFn: getPortals, staleTime: PORTAL_STALE_MS });

export function usePortals() {
  return useQuery(portalsQueryOptions());
}

export async function getPortal(id: number): Promise<PortalDetail> {
  return unwrap(api.GET('/api/v1/portals/{id}', { params: { path: { id } } }));
}

export const portalQueryOptions = (id: number) =>
  queryOptions({
    queryKey: queryKeys.portal(id),
    queryFn: () => getPortal(id),
    staleTime: PORTAL_STALE_MS,
  });

export function usePortal(id: number) {
  return useQuery(portalQueryOptions(id));
}

/** Every listed portal with its request types (for the help center's search). */
export function usePortalDetails(ids: readonly number[], enabled: boolean) {
  return useQueries({
    queries: ids.map((id) => ({ ...portalQueryOptions(id), enabled })),
  });
}

export async function getRequestType(portalId: number, typeId: number): Promise<RequestType> {
  return unwrap(
    api.GET('/api/v1/portals/{id}/requesttypes/{typeId}', {
      params: { path: { id: portalId, typeId } },
    }),
  );
}

export const requestTypeQueryOptions = (portalId: number, typeId: number) =>
  queryOptions({
    queryKey: queryKeys.requestType(portalId, typeId),
    queryFn: () => getRequestType(portalId, typeId),
    staleTime: PORTAL_STALE_MS,
  });

export function useRequestType(portalId: number, typeId: number) {
  return useQuery(requestTypeQueryOptions(portalId, typeId));
}
