import { Button } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '@/api/client';
import { PageError } from '@/components/PageError';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { useIssue } from '../api/issue';
import { IssuePageSkeleton } from './IssuePageSkeleton';
import { IssueView } from './IssueView';

/**
 * /projects/:projectKey/issues/:issueKey — one issue. Everything reads `['issue', key]` and its
 * parts, so the live feed keeps it current. A skeleton while it loads; "Issue not found" with the
 * server's message for a 404.
 */
export function IssuePage() {
  const { issueKey = '' } = useParams();
  const issue = useIssue(issueKey);
  usePageTitle(issue.data ? `${issue.data.key} ${issue.data.summary}` : issueKey.toUpperCase());
  if (issue.isPending) return <IssuePageSkeleton label={`Loading ${issueKey.toUpperCase()}`} />;
  if (issue.isError) {
    const notFound = isApiError(issue.error) && issue.error.isNotFound;
    return (
      <PageError
        error={issue.error}
        title={notFound ? 'Issue not found' : undefined}
        onRetry={notFound ? undefined : () => void issue.refetch()}
      >
        {notFound && (
          <Button component={Link} to={paths.search()} size="xs" variant="light">
            Search issues
          </Button>
        )}
      </PageError>
    );
  }
  return <IssueView issue={issue.data} />;
}
