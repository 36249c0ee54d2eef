import { Navigate } from 'react-router-dom';
import { defaultProject, useProjects } from '@/api/projects';
import { isStaff, useCurrentUser } from '@/api/session';
import { PageError } from '@/components/PageError';
import { PageLoader } from '@/components/PageLoader';
import { paths } from '@/lib/paths';

/** `/`: customers go to the help center; agents and admins to the queues of ITO (or the first project). */
export function HomeRedirect() {
  const user = useCurrentUser();
  if (!isStaff(user)) return <Navigate to={paths.portal()} replace />;
  return <StaffHome />;
}

function StaffHome() {
  const projects = useProjects();
  if (projects.isPending) return <PageLoader fullScreen label="Loading projects" />;
  if (projects.isError) return <PageError error={projects.error} onRetry={() => void projects.refetch()} />;
  const project = defaultProject(projects.data);
  return <Navigate to={project ? paths.queues(project.key) : paths.search()} replace />;
}
