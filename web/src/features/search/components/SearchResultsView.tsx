import { Stack, Text } from '@mantine/core';
import { EmptyState } from '@/components/EmptyState';
import { IssueTable } from '@/components/IssueTable';
import { PageError } from '@/components/PageError';
import { PageLoader } from '@/components/PageLoader';
import { useSearch } from '../api/search';

export interface SearchResultsViewProps {
  jql: string;
  label: string;
}

/** Runs a JQL search and shows its first page; the server's error (with position) when it fails. */
export function SearchResultsView({ jql, label }: SearchResultsViewProps) {
  const search = useSearch(jql, { limit: 50 });
  if (search.isPending) return <PageLoader variant="skeleton" label="Searching" />;
  if (search.isError) {
    return <PageError error={search.error} title="The query cannot run" onRetry={() => void search.refetch()} />;
  }
  const { issues, total, totalCapped } = search.data;
  if (issues.length === 0) {
    return <EmptyState title="No issues found" description="No issue you may see matches this query." />;
  }
  return (
    <Stack gap="xs" aria-busy={search.isFetching}>
      <Text size="sm" c="dimmed" role="status">
        {totalCapped ? `More than ${total}` : total} {total === 1 ? 'issue' : 'issues'}
        {issues.length < total ? ` (first ${issues.length} shown)` : ''}
      </Text>
      <IssueTable issues={issues} label={label} />
    </Stack>
  );
}
