/** Projects the caller has a role in (the sidebar, the home redirect and features use them). */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { queryKeys } from './keys';
import type { Project } from './types';

export async function getProjects(): Promise<Project[]> {
  const { values } = await unwrap(api.GET('/api/v1/projects'));
  return values;
}

export const projectsQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.projects(), queryFn: getProjects, staleTime: 5 * 60_000 });

export function useProjects() {
  return useQuery(projectsQueryOptions());
}

export async function getProject(key: string): Promise<Project> {
  return unwrap(api.GET('/api/v1/projects/{key}', { params: { path: { key } } }));
}

export const projectQueryOptions = (key: string) =>
  queryOptions({
    queryKey: queryKeys.project(key),
    queryFn: () => getProject(key),
    staleTime: 5 * 60_000,
  });

export function useProject(key: string) {
  return useQuery(projectQueryOptions(key));
}

/** The project agents land in: ITO when they have it, else the first one. */
export function defaultProject(projects: readonly Project[]): Project | undefined {
  return projects.find((p) => p.key === 'ITO') ?? projects[0];
}
