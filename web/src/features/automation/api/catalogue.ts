/**
 * What the rule editor offers: the catalogue of triggers, conditions and actions with their
 * settings (GET /api/v1/automation/components), and the names its pickers suggest — field names
 * (GET /api/v1/fields) and statuses (GET /api/v1/statuses). All change rarely: cached 10 minutes.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { AutomationCatalogue } from './types';

const STALE_MS = 10 * 60_000;

export async function getCatalogue(): Promise<AutomationCatalogue> {
  return unwrap(api.GET('/api/v1/automation/components'));
}

export const catalogueQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.automationComponents(), queryFn: getCatalogue, staleTime: STALE_MS });

export function useCatalogue() {
  return useQuery(catalogueQueryOptions());
}

/**
 * The names a rule may use for a field: system fields by key (`summary`, `priority`), custom
 * fields by name (`Impact`), as the server's field check accepts them.
 */
export async function getFieldNames(): Promise<string[]> {
  const { values } = await unwrap(api.GET('/api/v1/fields'));
  const names = values.map((f) => (f.custom ? f.name : f.key));
  return [...new Set(names)];
}

export function useFieldNames(enabled = true) {
  return useQuery({
    queryKey: queryKeys.automationLookup('fields'),
    queryFn: getFieldNames,
    staleTime: STALE_MS,
    enabled,
  });
}

/** Every status name of every workflow, once each. */
export async function getStatusNames(): Promise<string[]> {
  const { values } = await unwrap(api.GET('/api/v1/statuses'));
  return [...new Set(values.map((s) => s.name))].sort((a, b) => a.localeCompare(b));
}

export function useStatusNames(enabled = true) {
  return useQuery({
    queryKey: queryKeys.automationLookup('statuses'),
    queryFn: getStatusNames,
    staleTime: STALE_MS,
    enabled,
  });
}
