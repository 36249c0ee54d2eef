import { ActionIcon, Anchor, Breadcrumbs, Button, Group, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconRefresh, IconStar, IconStarFilled } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { queryKeys } from '@/api/keys';
import { EmptyState } from '@/components/EmptyState';
import { IssueTable, IssueTableSkeleton, columnLabel } from '@/components/IssueTable';
import type { IssueSort } from '@/components/IssueTable';
import { OpenInSearchButton } from '@/components/OpenInSearchButton';
import { PageError } from '@/components/PageError';
import { restrictToProject, splitOrderBy, withOrderBy } from '@/lib/jqlSyntax';
import type { JqlSort } from '@/lib/jqlSyntax';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { useQueue, useQueueIssues, useStarQueue } from '../api/queues';

export interface QueueViewProps {
  projectKey: string;
  id: number;
}

/** The sort a user chose for a queue, from the URL (`?sort=created&dir=asc`). */
function useSortParam(): [JqlSort | undefined, (sort: JqlSort | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const field = params.get('sort');
  const sort: JqlSort | undefined = field
    ? { field, direction: params.get('dir')?.toLowerCase() === 'asc' ? 'ASC' : 'DESC' }
    : undefined;
  const setSort = (next: JqlSort | undefined) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next) {
          updated.set('sort', next.field);
          updated.set('dir', next.direction.toLowerCase());
        } else {
          updated.delete('sort');
          updated.delete('dir');
        }
        return updated;
      },
      { replace: true },
    );
  return [sort, setSort];
}

/**
 * One queue: its name, star, actions and its issues in a sortable table with "Load more".
 * Sorting by a column replaces the queue's ORDER BY for this view (kept in the URL).
 */
export function QueueView({ projectKey, id }: QueueViewProps) {
  const client = useQueryClient();
  const queue = useQueue(id, projectKey);
  const [sort, setSort] = useSortParam();
  const issues = useQueueIssues(id, queue.data, sort);
  const star = useStarQueue(projectKey);
  usePageTitle(queue.data?.name);

  if (queue.isError) return <PageError error={queue.error} onRetry={() => void queue.refetch()} />;
  if (queue.isPending) {
    return (
      <>
        <QueueHeaderSkeleton />
        <IssueTableSkeleton label="Loading queue" />
      </>
    );
  }

  const q = queue.data;
  const queueOrder = splitOrderBy(q.jql).orderBy[0];
  const shownSort: IssueSort | undefined = sort ?? queueOrder;
  const searchJql = sort ? withOrderBy(restrictToProject(q.jql, q.project), [sort]) : restrictToProject(q.jql, q.project);
  const rows = issues.data?.pages.flatMap((page) => page.issues) ?? [];
  const first = issues.data?.pages[0];

  const refresh = () => {
    void client.invalidateQueries({ queryKey: queryKeys.queue(id) });
    void client.invalidateQueries({ queryKey: queryKeys.queues(projectKey) });
  };

  return (
    <Stack gap="sm">
      <Stack gap={4}>
        <Breadcrumbs separator="/" separatorMargin={6} fz="sm">
          <Anchor component={Link} to={paths.queues(projectKey)} size="sm" c="dimmed">
            Queues
          </Anchor>
          <Text size="sm" c="dimmed">
            {q.group}
          </Text>
        </Breadcrumbs>
        <Group justify="space-between" align="center" gap="sm" wrap="wrap">
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }}>
              {q.name}
            </Title>
            <Tooltip label={q.starred ? 'Unstar this queue' : 'Star this queue'} withArrow>
              <ActionIcon
                variant="subtle"
                color={q.starred ? 'yellow' : 'gray'}
                aria-label={q.starred ? 'Unstar queue' : 'Star queue'}
                aria-pressed={q.starred}
                onClick={() => star.mutate({ id, starred: !q.starred })}
              >
                {q.starred ? <IconStarFilled size={18} /> : <IconStar size={18} />}
              </ActionIcon>
            </Tooltip>
          </Group>
          <Group gap="xs" wrap="wrap">
            {sort && (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconArrowBackUp size={14} aria-hidden />}
                onClick={() => setSort(undefined)}
              >
                Queue order
              </Button>
            )}
            <Tooltip label="Refresh" withArrow>
              <ActionIcon variant="default" size={30} aria-label="Refresh" onClick={refresh} loading={issues.isRefetching && !issues.isFetchingNextPage}>
                <IconRefresh size={16} />
              </ActionIcon>
            </Tooltip>
            <OpenInSearchButton jql={searchJql} />
          </Group>
        </Group>
        {shownSort && (
          <Text size="xs" c="dimmed">
            Sorted by {columnLabel(shownSort.field)}, {shownSort.direction === 'ASC' ? 'ascending' : 'descending'}
            {sort ? '' : ' (queue order)'}
          </Text>
        )}
      </Stack>

      {issues.isPending ? (
        <IssueTableSkeleton columns={q.columns} label="Loading issues" />
      ) : issues.isError && rows.length === 0 ? (
        <PageError error={issues.error} onRetry={() => void issues.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          title="No issues in this queue"
          description="Issues that match this queue's filter show up here as soon as they arrive."
        />
      ) : (
        <IssueTable
          issues={rows}
          columns={q.columns}
          label={q.name}
          sort={shownSort}
          onSortChange={(next) => setSort(next)}
          busy={issues.isPlaceholderData}
          total={first?.total}
          totalCapped={first?.totalCapped}
          hasMore={issues.hasNextPage}
          onLoadMore={() => void issues.fetchNextPage()}
          loadingMore={issues.isFetchingNextPage}
        />
      )}
    </Stack>
  );
}

/** The queue header's shape while the queue loads. */
export function QueueHeaderSkeleton() {
  return (
    <Stack gap={8} mb="sm" aria-hidden>
      <Skeleton height={12} width={140} />
      <Skeleton height={26} width="45%" />
    </Stack>
  );
}
