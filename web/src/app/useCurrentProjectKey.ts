import { useEffect } from 'react';
import { useParams } from 'react-router-dom';
import { defaultProject, useProjects } from '@/api/projects';

const STORAGE_KEY = 'steward.lastProject';

/**
 * The project the sidebar shows: the one in the URL, else the last one visited, else the
 * default project (ITO or the first).
 */
export function useCurrentProjectKey(): string | undefined {
  const { projectKey } = useParams();
  const projects = useProjects();
  useEffect(() => {
    if (projectKey) safeStorage()?.setItem(STORAGE_KEY, projectKey.toUpperCase());
  }, [projectKey]);
  if (projectKey) return projectKey.toUpperCase();
  const last = safeStorage()?.getItem(STORAGE_KEY);
  const known = projects.data;
  if (last && (!known || known.some((p) => p.key === last))) return last;
  return known ? defaultProject(known)?.key : undefined;
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
