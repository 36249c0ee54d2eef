/**
 * Configuration the issue screens need: issue types, priorities, resolutions, link types, the
 * custom field definitions (GET /api/v1/fields), teams and organizations. It changes rarely, so
 * it is cached for ten minutes under `['config', <name>]` (not part of the issue keys; the live
 * feed does not touch it).
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { CustomField, IssueType, LinkType, Organization, Priority, Resolution, Team } from './types';

const CONFIG_STALE_MS = 10 * 60_000;

export const configKeys = {
  issueTypes: () => ['config', 'issuetypes'] as const,
  priorities: () => ['config', 'priorities'] as const,
  resolutions: () => ['config', 'resolutions'] as const,
  linkTypes: () => ['config', 'linktypes'] as const,
  customFields: () => ['config', 'fields'] as const,
  teams: () => ['config', 'teams'] as const,
  organizations: () => ['config', 'organizations'] as const,
};

export const issueTypesQueryOptions = () =>
  queryOptions({
    queryKey: configKeys.issueTypes(),
    queryFn: async (): Promise<IssueType[]> => (await unwrap(api.GET('/api/v1/issuetypes'))).values,
    staleTime: CONFIG_STALE_MS,
  });

export function useIssueTypes() {
  return useQuery(issueTypesQueryOptions());
}

export function usePriorities() {
  return useQuery({
    queryKey: configKeys.priorities(),
    queryFn: async (): Promise<Priority[]> => (await unwrap(api.GET('/api/v1/priorities'))).values,
    staleTime: CONFIG_STALE_MS,
  });
}

export function useResolutions(enabled = true) {
  return useQuery({
    queryKey: configKeys.resolutions(),
    queryFn: async (): Promise<Resolution[]> => (await unwrap(api.GET('/api/v1/resolutions'))).values,
    staleTime: CONFIG_STALE_MS,
    enabled,
  });
}

export function useLinkTypes(enabled = true) {
  return useQuery({
    queryKey: configKeys.linkTypes(),
    queryFn: async (): Promise<LinkType[]> => (await unwrap(api.GET('/api/v1/linktypes'))).values,
    staleTime: CONFIG_STALE_MS,
    enabled,
  });
}

/** The custom fields (the system fields of GET /api/v1/fields are left out). */
export async function getCustomFields(): Promise<CustomField[]> {
  const { values } = await unwrap(api.GET('/api/v1/fields'));
  return values.filter((f): f is CustomField => f.custom);
}

export function useCustomFields() {
  return useQuery({ queryKey: configKeys.customFields(), queryFn: getCustomFields, staleTime: CONFIG_STALE_MS });
}

export function useTeams(enabled = true) {
  return useQuery({
    queryKey: configKeys.teams(),
    queryFn: async (): Promise<Team[]> => (await unwrap(api.GET('/api/v1/teams'))).values,
    staleTime: CONFIG_STALE_MS,
    enabled,
  });
}

export function useOrganizations(enabled = true) {
  return useQuery({
    queryKey: configKeys.organizations(),
    queryFn: async (): Promise<Organization[]> => (await unwrap(api.GET('/api/v1/organizations'))).values,
    staleTime: CONFIG_STALE_MS,
    enabled,
  });
}

/** The custom fields that apply to an issue type (an empty `issueTypes` means every type). */
export function fieldsForType(fields: readonly CustomField[], issueType: string | undefined): CustomField[] {
  if (!issueType) return [];
  const name = issueType.toLowerCase();
  return fields.filter((f) => f.issueTypes.length === 0 || f.issueTypes.some((t) => t.toLowerCase() === name));
}

/** A custom field by its name, `cf[12]` or `customfield_12` (as the API accepts them). */
export function findCustomField(fields: readonly CustomField[], ref: string): CustomField | undefined {
  const lower = ref.toLowerCase().replace(/^fields\./, '');
  const id = lower.match(/^(?:cf\[(\d+)\]|customfield_(\d+))$/);
  if (id) {
    const n = Number(id[1] ?? id[2]);
    return fields.find((f) => f.id === n);
  }
  return fields.find((f) => f.name.toLowerCase() === lower);
}
