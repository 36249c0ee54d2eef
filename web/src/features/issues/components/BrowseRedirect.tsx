import { Navigate, useParams } from 'react-router-dom';
import { paths } from '@/lib/paths';

/** /browse/:issueKey — Jira-style short link; goes to the issue in its project. */
export function BrowseRedirect() {
  const { issueKey = '' } = useParams();
  return <Navigate to={paths.issue(issueKey)} replace />;
}
