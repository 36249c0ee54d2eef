/**
 * What the change calendar's filters and the freeze-window form offer: the services (objects of
 * the CMDB type "Services", as the "Affected services" field holds them) and the statuses of the
 * Change workflow.
 */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { ObjectLabel } from '@/api/types';

const SERVICES_AQL = 'objectType = "Services" ORDER BY label';

export async function getServices(): Promise<ObjectLabel[]> {
  const { objects } = await unwrap(api.GET('/api/v1/cmdb/objects', { params: { query: { aql: SERVICES_AQL, limit: 200 } } }));
  return objects.map((o) => ({ key: o.key, label: o.label }));
}

export function useServices() {
  return useQuery({
    queryKey: queryKeys.cmdbObjects({ aql: SERVICES_AQL, limit: 200 }),
    queryFn: getServices,
    staleTime: 5 * 60_000,
  });
}

export async function getChangeStatuses(): Promise<string[]> {
  const { values } = await unwrap(api.GET('/api/v1/workflows'));
  return values.find((w) => w.name === 'Change')?.statuses.map((s) => s.name) ?? [];
}

export function useChangeStatuses() {
  return useQuery({
    queryKey: [...queryKeys.workflows(), 'Change', 'statuses'] as const,
    queryFn: getChangeStatuses,
    staleTime: 10 * 60_000,
  });
}
