import { isApiError } from '@/api/client';
import { EmptyState } from '@/components/EmptyState';
import { IssueTable, IssueTableSkeleton } from '@/components/IssueTable';
import type { IssueSort } from '@/components/IssueTable';
import { PageError } from '@/components/PageError';
import { useIssueSearch } from '../api/search';

export interface SearchResultsViewProps {
  jql: string;
  /** Field names shown as columns, in order (`key` included) */
  columns: readonly string[];
  /** The table's accessible name */
  label: string;
  sort?: IssueSort | undefined;
  onSortChange?: ((sort: IssueSort) => void) | undefined;
  isSortable?: ((column: string) => boolean) | undefined;
  /** The page shows query errors itself (at the JQL editor): here only a hint remains */
  queryErrorsElsewhere?: boolean | undefined;
  emptyTitle?: string | undefined;
  emptyDescription?: string | undefined;
}

/** Runs a JQL search and shows its pages in the issue table, with "Load more" and the total. */
export function SearchResultsView({
  jql,
  columns,
  label,
  sort,
  onSortChange,
  isSortable,
  queryErrorsElsewhere = false,
  emptyTitle = 'No issues found',
  emptyDescription = 'No issue you may see matches this query.',
}: SearchResultsViewProps) {
  const fields = columns.filter((c) => c.toLowerCase() !== 'key');
  const search = useIssueSearch(jql, fields);

  if (search.isPending) return <IssueTableSkeleton columns={columns} label="Searching" />;
  if (search.isError && !search.isPlaceholderData) {
    if (queryErrorsElsewhere && isApiError(search.error) && search.error.code.startsWith('query.')) {
      return <EmptyState title="Fix the query to see results" description="The problem is marked in the query above." />;
    }
    return (
      <PageError
        error={search.error}
        title={isApiError(search.error) && search.error.status === 400 ? 'The query cannot run' : undefined}
        onRetry={() => void search.refetch()}
      />
    );
  }
  const pages = search.data?.pages ?? [];
  const issues = pages.flatMap((p) => p.issues);
  const first = pages[0];
  if (issues.length === 0) {
    return <EmptyState title={emptyTitle} description={emptyDescription} />;
  }
  return (
    <IssueTable
      issues={issues}
      columns={columns}
      label={label}
      sort={sort}
      onSortChange={onSortChange}
      isSortable={isSortable}
      busy={search.isPlaceholderData}
      total={first?.total}
      totalCapped={first?.totalCapped}
      hasMore={search.hasNextPage}
      onLoadMore={() => void search.fetchNextPage()}
      loadingMore={search.isFetchingNextPage}
    />
  );
}
